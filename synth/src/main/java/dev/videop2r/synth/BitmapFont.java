package dev.videop2r.synth;

/**
 * A 5x7 pixel font for A-Z, so rendered text is identical on every machine (no system fonts involved). Each
 * glyph is 35 bits, row-major from the top-left pixel.
 */
final class BitmapFont {
  static final int WIDTH = 5;
  static final int HEIGHT = 7;

  private static final long[] GLYPHS = {
      0x3A31FC631L, // A
      0x7A31F463EL, // B
      0x3A308422EL, // C
      0x7A318C63EL, // D
      0x7E10F421FL, // E
      0x7E10F4210L, // F
      0x3A30BC62FL, // G
      0x4631FC631L, // H
      0x38842108EL, // I
      0x1C4210A4CL, // J
      0x4654C5251L, // K
      0x42108421FL, // L
      0x4775AC631L, // M
      0x4639ACE31L, // N
      0x3A318C62EL, // O
      0x7A31F4210L, // P
      0x3A318D64DL, // Q
      0x7A31F5251L, // R
      0x3E107043EL, // S
      0x7C8421084L, // T
      0x46318C62EL, // U
      0x46318C544L, // V
      0x4631AD6AAL, // W
      0x462A22A31L, // X
      0x462A21084L, // Y
      0x7C222221FL, // Z
  };

  private BitmapFont() {}

  /** Whether pixel (x, y) of letter {@code c} (a-z or A-Z) is set. */
  static boolean pixel(char c, int x, int y) {
    int index = Character.toUpperCase(c) - 'A';
    if (index < 0 || index >= GLYPHS.length) {
      throw new IllegalArgumentException("no glyph for '" + c + "'");
    }
    return ((GLYPHS[index] >>> (WIDTH * HEIGHT - 1 - (y * WIDTH + x))) & 1L) != 0;
  }
}
