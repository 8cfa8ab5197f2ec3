package dev.videop2r.video;

/** Deterministic test pictures. */
final class TestFrames {
  private TestFrames() {}

  /** A smooth gradient that shifts with {@code phase}, so frames differ and survive lossy coding. */
  static RgbFrame gradient(int width, int height, int phase) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) ((x * 2 + phase * 12) & 0xFF);
        rgb[i + 1] = (byte) ((y * 2) & 0xFF);
        rgb[i + 2] = (byte) ((phase * 15) & 0xFF);
      }
    }
    return new RgbFrame(width, height, rgb);
  }
}
