package dev.videop2r.training;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.tokenizer.VisionPlaceholder;
import dev.videop2r.video.PreprocessedVisual;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A sample's media as model inputs: frames sampled by the video module under the pixel budget (training default:
 * 16 frames at 128·28·28), patchified the Qwen way, and the matching placeholder for the chat template.
 */
public final class MediaInputs {
  /** The pixels and the placeholder the template expands into one pad per merged vision feature. */
  public record Encoded(VisionPlaceholder placeholder, VisualInputs visual) {}

  private final FrameSource frames;
  private final MediaRoot mediaRoot;
  private final FrameRequest request;

  public MediaInputs(FrameSource frames, MediaRoot mediaRoot, FrameRequest request) {
    this.frames = frames;
    this.mediaRoot = mediaRoot;
    this.request = request;
  }

  public Encoded encode(Sample sample) throws IOException {
    Path file = mediaRoot.resolve(sample.path());
    SampledFrames sampled = frames.sample(file, request);
    List<RgbFrame> rgb = sampled.images().stream().map(RgbFrame::of).toList();
    PreprocessedVisual p;
    if (sample.dataType() == dev.videop2r.data.DataType.IMAGE) {
      p = QwenPatchifier.image(rgb.getFirst());
    } else {
      // second_per_grid_t = temporal patch / sampled fps (qwen-vl-utils reports the fps it sampled at).
      double fps = sampled.sampleFps() > 0 ? sampled.sampleFps() : QwenPatchifier.TEMPORAL_PATCH;
      p = QwenPatchifier.video(rgb, QwenPatchifier.TEMPORAL_PATCH / fps);
    }
    long[] grid = p.gridThw()[0];
    VisionPlaceholder placeholder = p.video()
        ? VisionPlaceholder.video(grid[0], grid[1], grid[2]) : VisionPlaceholder.image(grid[0], grid[1], grid[2]);
    return new Encoded(placeholder, new VisualInputs(p.pixelValues(), p.pixelShape(), p.gridThw(),
        p.secondPerGridTs(), p.video()));
  }
}
