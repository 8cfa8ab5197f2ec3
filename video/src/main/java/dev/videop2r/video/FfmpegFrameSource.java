package dev.videop2r.video;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.SampledFrames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The core {@link FrameSource} seam backed by FFmpeg and the exact Qwen sampling rules. A video gets the
 * request's frame bound, rate and per-frame pixel budget (as Video-R1's module constants); an image gets
 * Video-R1's image limits (3,136..200,704 pixels), which Video-R1 applies regardless of video settings.
 */
public final class FfmpegFrameSource implements FrameSource {

  private final FfmpegReader reader;

  public FfmpegFrameSource(FfmpegReader reader) {
    this.reader = reader;
  }

  public FfmpegFrameSource() {
    this(new FfmpegReader());
  }

  /** Video-R1's constants with the request's frame and pixel budgets in place of the shipped ones. */
  public static VisionConfig config(FrameRequest request) {
    VisionConfig base = VisionConfig.videoR1Training();
    return new VisionConfig(base.imageFactor(), base.minPixels(), base.maxPixels(), request.minPixels(),
        request.maxPixels(), base.videoTotalPixels(), base.frameFactor(), request.fps(), base.minFrames(),
        request.maxFrames(), base.maxRatio());
  }

  @Override
  public SampledFrames sample(Path media, FrameRequest request) throws IOException {
    QwenPreprocessor pre = new QwenPreprocessor(reader, config(request), QwenPreprocessor.TimeScale.SAMPLE_FPS);
    try {
      if (FfmpegReader.isImage(media)) {
        RgbFrame image = pre.sampleImage(media, SampleRequest.defaults());
        return new SampledFrames(List.of(image.toBufferedImage()), new int[] {0}, 0, 0);
      }
      QwenPreprocessor.Sampled s = pre.sampleVideo(media, SampleRequest.defaults());
      List<BufferedImage> images = s.frames().stream().map(RgbFrame::toBufferedImage).toList();
      return new SampledFrames(images, s.plan().indices(), s.info().fps(), s.plan().sampleFps());
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
