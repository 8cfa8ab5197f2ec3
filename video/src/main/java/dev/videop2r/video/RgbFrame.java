package dev.videop2r.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One decoded frame as packed 8-bit RGB (row-major, 3 bytes per pixel). Resizing and patchifying work on this
 * layout directly; {@link #toBufferedImage()} is for callers that want Java2D.
 */
public record RgbFrame(int width, int height, byte[] rgb) {

  public RgbFrame {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
    }
    if (rgb.length != 3L * width * height) {
      throw new IllegalArgumentException("rgb length " + rgb.length + " != 3*" + width + "*" + height);
    }
  }

  /** Red, green or blue value (0..255) at (x, y). */
  public int at(int x, int y, int channel) {
    return rgb[(y * width + x) * 3 + channel] & 0xFF;
  }

  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    return image;
  }

  /** Converts any Java2D image; alpha, if present, is composited over white like qwen-vl-utils' {@code to_rgb}. */
  public static RgbFrame of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
      return new RgbFrame(w, h, rgb);
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    boolean alpha = image.getColorModel().hasAlpha();
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = alpha ? p >>> 24 : 255;
      rgb[3 * i] = (byte) overWhite((p >> 16) & 0xFF, a);
      rgb[3 * i + 1] = (byte) overWhite((p >> 8) & 0xFF, a);
      rgb[3 * i + 2] = (byte) overWhite(p & 0xFF, a);
    }
    return new RgbFrame(w, h, rgb);
  }

  /** Pillow's {@code paste(mask=alpha)} blend onto white: DIV255(white*(255-a) + value*a), rounded like PIL. */
  static int overWhite(int value, int alpha) {
    int t = 255 * (255 - alpha) + value * alpha + 128;
    return ((t >> 8) + t) >> 8;
  }
}
