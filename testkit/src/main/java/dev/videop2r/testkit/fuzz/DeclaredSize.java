package dev.videop2r.testkit.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Rewrites the width and height a picture's header declares, leaving the pixel data as it was: the way a small
 * file claims an enormous (or zero, or negative) picture. A PNG keeps a correct IHDR checksum, so readers get past
 * it to the sizes.
 */
public final class DeclaredSize {

  /** Sides worth declaring; any two multiply to under 0.5 M pixels or over the 64 M pixel cap. */
  public static final long[] SIDES = {0, 1, 7, 10_000, 65_535, Integer.MAX_VALUE, 0x8000_0000L, 0xFFFF_FFFFL};

  private DeclaredSize() {}

  /**
   * {@code picture} (format {@code png}, {@code jpg}, {@code bmp} or {@code webp}, a VP8X header) declaring
   * {@code width} x {@code height}, each cut to the header field's width.
   */
  public static byte[] declare(String format, byte[] picture, long width, long height) {
    byte[] out = picture.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    switch (format) {
      case "png" -> { // IHDR data at 16, its CRC over type and data at 29
        b.putInt(16, (int) width).putInt(20, (int) height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
      }
      case "jpg" -> { // the first start-of-frame segment: height and width as 16-bit
        for (int i = 2; i + 9 < out.length; i++) {
          if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) >= 0xC0 && (out[i + 1] & 0xFF) <= 0xC2) {
            b.putShort(i + 5, (short) height).putShort(i + 7, (short) width);
            break;
          }
        }
      }
      case "bmp" -> b.order(ByteOrder.LITTLE_ENDIAN).putInt(18, (int) width).putInt(22, (int) height);
      case "webp" -> b.order(ByteOrder.LITTLE_ENDIAN).putInt(24, (int) (width - 1) & 0xFFFFFF)
          .put(27, (byte) (height - 1)).putShort(28, (short) ((height - 1) >> 8));
      default -> throw new IllegalArgumentException("no header sizes known for format " + format);
    }
    return out;
  }
}
