package dev.videop2r.video;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg logs stream dumps and encoder chatter at info/warning level; this module shows errors only. */
final class FfmpegLogging {
  static {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private FfmpegLogging() {}

  /** Loads this class, which sets the level once per JVM. */
  static void errorsOnly() {
    // The static initialiser does the work.
  }
}
