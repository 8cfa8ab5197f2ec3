package dev.videop2r.video;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small media files written through FFmpeg for the reader tests. */
final class Fixtures {
  private Fixtures() {}

  /** Levels repeat after this many frames (they must stay inside 0..255). */
  static final int PERIOD = 35;

  /** Brightness of frame {@code i} in {@link #levels}: far enough apart to identify a frame after lossy coding. */
  static int level(int i) {
    return 8 + 7 * (i % PERIOD);
  }

  /**
   * A clip whose frame {@code i} is a flat grey of {@link #level(int)}, so a decoded frame tells its own index.
   *
   * @param codec FFmpeg encoder name (e.g. libopenh264, libvpx, mpeg4, gif)
   * @param options encoder options as alternating names and values (e.g. "bf", "2" for B-frames)
   */
  static void levels(Path file, String format, String codec, int frames, double fps, int gop, int width,
                     int height, String... options) throws Exception {
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
      r.setFormat(format);
      r.setVideoCodecName(codec);
      r.setFrameRate(fps);
      r.setGopSize(gop);
      r.setVideoBitrate(800_000);
      for (int i = 0; i + 1 < options.length; i += 2) {
        r.setVideoOption(options[i], options[i + 1]);
      }
      if (codec.equals("gif")) {
        r.setPixelFormat(avutil.AV_PIX_FMT_RGB8);
      } else {
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      }
      r.start();
      Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
      ByteBuffer buf = (ByteBuffer) f.image[0];
      for (int i = 0; i < frames; i++) {
        byte v = (byte) level(i);
        for (int p = 0; p < f.imageStride * height; p++) {
          buf.put(p, v);
        }
        r.record(f, avutil.AV_PIX_FMT_RGB24);
      }
      r.stop();
    }
  }

  /** Mean of all channels: the decoded grey level. */
  static double mean(RgbFrame f) {
    long sum = 0;
    for (byte b : f.rgb()) {
      sum += b & 0xFF;
    }
    return (double) sum / f.rgb().length;
  }

  /** The index (modulo {@link #PERIOD}) whose level is nearest the frame's brightness. */
  static int indexOf(RgbFrame f) {
    return (int) Math.round((mean(f) - 8) / 7.0);
  }
}
