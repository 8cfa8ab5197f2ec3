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
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
import java.util.List;

/**
 * A sample's media as model inputs: frames sampled by the video module under the pixel budget (training default:
 * 16 frames at 128·28·28), patchified the Qwen way, and the matching placeholder for the chat template.
 */
public final class MediaInputs {
  /**
   * The pixels, the placeholder the template expands into one pad per merged vision feature, and the source
   * frame index of each sampled frame.
   */
  public record Encoded(VisionPlaceholder placeholder, VisualInputs visual, int[] frameIndices) {}

  private final FrameSource frames;
  private final MediaRoot mediaRoot;
  private final FrameRequest request;
  private final QwenPreprocessor.TimeScale timeScale;

  /** Real-time temporal positions ({@code SAMPLE_FPS}), as the evaluation computes them. */
  public MediaInputs(FrameSource frames, MediaRoot mediaRoot, FrameRequest request) {
    this(frames, mediaRoot, request, QwenPreprocessor.TimeScale.SAMPLE_FPS);
  }

  /**
   * @param timeScale how {@code second_per_grid_t} is derived: {@code SAMPLE_FPS} = 2 / the sampled fps (the real
   *     time a temporal patch covers; the evaluation's convention), {@code DEFAULT_FPS} = always 1.0 (Video-R1's
   *     training, whose processor got no fps)
   */
  public MediaInputs(FrameSource frames, MediaRoot mediaRoot, FrameRequest request,
      QwenPreprocessor.TimeScale timeScale) {
    this.frames = frames;
    this.mediaRoot = mediaRoot;
    this.request = request;
    this.timeScale = timeScale;
  }

  public Encoded encode(Sample sample) throws IOException {
    SampledFrames sampled = frames.sample(mediaRoot.resolve(sample.path()), request);
    List<RgbFrame> rgb = sampled.images().stream().map(RgbFrame::of).toList();
    if (sample.dataType() == dev.videop2r.data.DataType.IMAGE) {
      return encode(rgb, true, 0, sampled.indices());
    }
    return encode(rgb, false, secondPerGridT(sampled), sampled.indices());
  }

  /**
   * The video's sampled frames in a random order drawn from {@code seed} (T-GRPO's contrast): Video-R1 permutes the
   * frame axis before patchifying, so the two frames of a temporal patch are random too. Same grid, same
   * placeholder, same time scale as {@link #encode(Sample)}.
   */
  public Encoded encodeShuffled(Sample sample, long seed) throws IOException {
    SampledFrames sampled = frames.sample(mediaRoot.resolve(sample.path()), request);
    List<RgbFrame> rgb = sampled.images().stream().map(RgbFrame::of).toList();
    int[] order = new int[rgb.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<RgbFrame> shuffled = new java.util.ArrayList<>();
    int[] indices = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      shuffled.add(rgb.get(order[i]));
      indices[i] = sampled.indices()[order[i]];
    }
    return encode(shuffled, false, secondPerGridT(sampled), indices);
  }

  /** Seconds a temporal patch of these sampled video frames covers, under this encoder's time scale. */
  private double secondPerGridT(SampledFrames sampled) {
    boolean realTime = timeScale == QwenPreprocessor.TimeScale.SAMPLE_FPS && sampled.sampleFps() > 0;
    return realTime ? QwenPatchifier.TEMPORAL_PATCH / sampled.sampleFps() : 1.0;
  }

  /**
   * Frames already sized to the pixel budget as model inputs: one image (the first frame) or a video whose temporal
   * patch covers {@code secondPerGridT} seconds.
   */
  public static Encoded encode(List<RgbFrame> rgb, boolean image, double secondPerGridT, int[] frameIndices) {
    PreprocessedVisual p = image ? QwenPatchifier.image(rgb.getFirst()) : QwenPatchifier.video(rgb, secondPerGridT);
    long[] grid = p.gridThw()[0];
    VisionPlaceholder placeholder = p.video()
        ? VisionPlaceholder.video(grid[0], grid[1], grid[2]) : VisionPlaceholder.image(grid[0], grid[1], grid[2]);
    return new Encoded(placeholder, new VisualInputs(p.pixelValues(), p.pixelShape(), p.gridThw(),
        p.secondPerGridTs(), p.video()), frameIndices);
  }
}
