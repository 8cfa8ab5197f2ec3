package dev.videop2r.cli.eval;

import dev.videop2r.video.Mp4Writer;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny generated MP4 clips for runs that need real videos (56x84 pixels, a colour that changes per frame). */
final class TinyVideos {

  static final int WIDTH = 84;
  static final int HEIGHT = 56;
  /** A pixel budget equal to the clip's size, so Qwen's resize keeps it as it is (both sides multiples of 28). */
  static final int PIXELS = WIDTH * HEIGHT;

  private TinyVideos() {}

  /** Writes an 8-frame, 4 fps clip (2 s, so qwen-vl-utils samples 4 frames). */
  static Path write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      byte[] rgb = new byte[WIDTH * HEIGHT * 3];
      for (int i = 0; i < WIDTH * HEIGHT; i++) {
        rgb[3 * i] = (byte) (30 * f);
        rgb[3 * i + 1] = (byte) (i % WIDTH * 3);
        rgb[3 * i + 2] = (byte) 128;
      }
      frames.add(new RgbFrame(WIDTH, HEIGHT, rgb));
    }
    new Mp4Writer().write(file, frames, 4.0);
    return file;
  }
}
