package dev.videop2r.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * qwen-vl-utils' {@code fetch_video} / {@code fetch_image} on real files, then the HF processor's normalise and
 * patchify: media file in, model-ready {@link PreprocessedVisual} out. Frame choice and sizes follow {@link
 * QwenVision} exactly; resampling is Pillow's antialiased bicubic for both images and video frames.
 */
public final class QwenPreprocessor {

  /** How {@code second_per_grid_ts} is derived (Video-R1 trains with one convention and evaluates with the other). */
  public enum TimeScale {
    /** {@code 2 / sample_fps}: the real time a temporal patch covers (HF processor given {@code fps}). */
    SAMPLE_FPS,
    /** Always 1.0: the HF processor's default fps of 2.0, as in Video-R1 training. */
    DEFAULT_FPS
  }

  /** Frames resized to the model's grid, with the decisions that produced them. */
  public record Sampled(MediaInfo info, VideoPlan plan, List<RgbFrame> frames) {}

  private final FfmpegReader reader;
  private final QwenVision vision;
  private final TimeScale timeScale;

  public QwenPreprocessor(FfmpegReader reader, VisionConfig config, TimeScale timeScale) {
    this.reader = reader;
    this.vision = new QwenVision(config);
    this.timeScale = timeScale;
  }

  public QwenVision vision() {
    return vision;
  }

  /** Image or video by file extension. */
  public PreprocessedVisual preprocess(Path file, SampleRequest request) {
    return FfmpegReader.isImage(file) ? image(file, request) : video(file, request);
  }

  public PreprocessedVisual video(Path file, SampleRequest request) {
    Sampled s = sampleVideo(file, request);
    double secondsPerGrid = timeScale == TimeScale.SAMPLE_FPS ? QwenPatchifier.TEMPORAL_PATCH / s.plan().sampleFps()
        : 1.0;
    return QwenPatchifier.video(s.frames(), secondsPerGrid);
  }

  public PreprocessedVisual image(Path file, SampleRequest request) {
    return QwenPatchifier.image(sampleImage(file, request));
  }

  /** The sampled, resized frames of a video ({@code fetch_video} without the float conversion). */
  public Sampled sampleVideo(Path file, SampleRequest request) {
    VideoPlan[] plan = new VideoPlan[1];
    FfmpegReader.Decoded decoded = reader.read(file, info -> {
      plan[0] = plan(file, info, request);
      return plan[0].indices();
    });
    List<RgbFrame> resized = new ArrayList<>(decoded.frames().size());
    for (RgbFrame f : decoded.frames()) {
      resized.add(PilResize.resize(f, plan[0].resizedWidth(), plan[0].resizedHeight()));
    }
    return new Sampled(decoded.info(), plan[0], resized);
  }

  /** One image, converted to RGB and resized ({@code fetch_image}). */
  public RgbFrame sampleImage(Path file, SampleRequest request) {
    FfmpegReader.Decoded decoded = reader.read(file, info -> new int[] {0});
    RgbFrame frame = decoded.frames().getFirst();
    int[] size = guarded(file, () -> vision.imageSize(frame.height(), frame.width(), request));
    checkSize(file, size[0], size[1]);
    return PilResize.resize(frame, size[1], size[0]);
  }

  private VideoPlan plan(Path file, MediaInfo info, SampleRequest request) {
    if (info.image()) {
      throw new MediaException(file, MediaException.Reason.BAD_REQUEST, "is a still image, not a video");
    }
    VideoPlan plan = guarded(file, () -> vision.planVideo(request, info.frameCount(), info.fps(), info.height(),
        info.width()));
    checkSize(file, plan.resizedHeight(), plan.resizedWidth());
    return plan;
  }

  /**
   * qwen-vl-utils floors without a lower clamp when it downscales, so a very thin frame can get a 0-pixel side
   * (the reference then fails inside torchvision); here it is a clear error naming the file.
   */
  private static void checkSize(Path file, int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new MediaException(file, MediaException.Reason.BAD_REQUEST,
          "the pixel budget resizes it to " + width + "x" + height);
    }
  }

  /** Reference errors (ValueError and friends) become file-level errors that name the file. */
  private static <T> T guarded(Path file, java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (QwenVision.AspectRatioException e) {
      throw new MediaException(file, MediaException.Reason.ASPECT_RATIO, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MediaException(file, MediaException.Reason.BAD_REQUEST, e.getMessage(), e);
    }
  }
}
