package dev.videop2r.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes RGB frames as an H.264 MP4 through FFmpeg. The file appears atomically (written beside the target,
 * then moved), so a crash never leaves a half-written clip under the final name.
 */
public final class Mp4Writer {

  /** Encoder knobs; {@link #defaults()} suits the tiny synthetic clips. */
  public record Settings(int gopSize, int bitrate) {
    public static Settings defaults() {
      return new Settings(12, 400_000);
    }
  }

  static {
    FfmpegLogging.errorsOnly();
  }

  private final Settings settings;

  public Mp4Writer(Settings settings) {
    this.settings = settings;
  }

  public Mp4Writer() {
    this(Settings.defaults());
  }

  /** Writes {@code frames} (all the same size, even width and height) at {@code fps} frames per second. */
  public void write(Path target, List<RgbFrame> frames, double fps) {
    if (frames.isEmpty()) {
      throw new MediaException(target, MediaException.Reason.WRITE_FAILED, "no frames to write");
    }
    int width = frames.getFirst().width();
    int height = frames.getFirst().height();
    if (width % 2 != 0 || height % 2 != 0) {
      throw new MediaException(target, MediaException.Reason.WRITE_FAILED,
          "H.264 with yuv420p needs even sides, got " + width + "x" + height);
    }
    Path temp = target.resolveSibling(target.getFileName() + ".part");
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toFile(), width, height, 0)) {
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(settings.gopSize());
        recorder.setVideoBitrate(settings.bitrate());
        recorder.start();
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (RgbFrame rgb : frames) {
          if (rgb.width() != width || rgb.height() != height) {
            throw new MediaException(target, MediaException.Reason.WRITE_FAILED,
                "frame size " + rgb.width() + "x" + rgb.height() + " differs from " + width + "x" + height);
          }
          copyRows(rgb, buffer, frame.imageStride);
          recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
        }
        recorder.stop();
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      if (e instanceof MediaException me) {
        throw me;
      }
      throw new MediaException(target, MediaException.Reason.WRITE_FAILED, e.getMessage(), e);
    }
  }

  private static void copyRows(RgbFrame rgb, ByteBuffer buffer, int stride) {
    int rowBytes = rgb.width() * 3;
    for (int y = 0; y < rgb.height(); y++) {
      buffer.put(y * stride, rgb.rgb(), y * rowBytes, rowBytes);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException suppressed) {
      // The original failure is the one worth reporting.
    }
  }
}
