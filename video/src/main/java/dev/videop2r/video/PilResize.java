package dev.videop2r.video;

/**
 * Pillow's {@code Image.resize(size, BICUBIC)} for 8-bit RGB, reproduced operation for operation (Pillow 9.x
 * {@code Resample.c}): Keys cubic with a = -0.5 whose support widens with the downscale factor (antialiasing),
 * coefficients normalised per output pixel then quantised to 22-bit fixed point, a horizontal pass into an 8-bit
 * intermediate, then a vertical pass. torchvision's antialiased bicubic uses the same filter and support, so it
 * differs only by its rounding (see docs/video.md).
 */
public final class PilResize {

  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double SUPPORT = 2.0;

  private PilResize() {}

  public static RgbFrame resize(RgbFrame in, int outWidth, int outHeight) {
    if (outWidth <= 0 || outHeight <= 0) {
      throw new IllegalArgumentException("target size must be positive, got " + outWidth + "x" + outHeight);
    }
    if (outWidth == in.width() && outHeight == in.height()) {
      return in;
    }
    Coefficients horizontal = Coefficients.of(in.width(), outWidth);
    Coefficients vertical = Coefficients.of(in.height(), outHeight);
    RgbFrame current = in;
    int firstRow = 0;
    if (outWidth != in.width()) {
      // Only the source rows the vertical pass will read are resampled horizontally.
      firstRow = vertical.bounds[0];
      int lastRow = vertical.bounds[2 * (outHeight - 1)] + vertical.bounds[2 * (outHeight - 1) + 1];
      current = horizontalPass(in, firstRow, lastRow - firstRow, horizontal, outWidth);
    }
    if (outHeight != in.height()) {
      current = verticalPass(current, firstRow, vertical, outHeight);
    }
    return current;
  }

  private static RgbFrame horizontalPass(RgbFrame in, int firstRow, int rows, Coefficients k, int outWidth) {
    byte[] src = in.rgb();
    byte[] dst = new byte[rows * outWidth * 3];
    int inRow = in.width() * 3;
    for (int y = 0; y < rows; y++) {
      int srcRow = (y + firstRow) * inRow;
      int dstRow = y * outWidth * 3;
      for (int x = 0; x < outWidth; x++) {
        int min = k.bounds[2 * x];
        int count = k.bounds[2 * x + 1];
        int kBase = x * k.size;
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int i = 0; i < count; i++) {
          int w = k.fixed[kBase + i];
          int p = srcRow + (min + i) * 3;
          r += (src[p] & 0xFF) * w;
          g += (src[p + 1] & 0xFF) * w;
          b += (src[p + 2] & 0xFF) * w;
        }
        int d = dstRow + x * 3;
        dst[d] = clip8(r);
        dst[d + 1] = clip8(g);
        dst[d + 2] = clip8(b);
      }
    }
    return new RgbFrame(outWidth, rows, dst);
  }

  private static RgbFrame verticalPass(RgbFrame in, int rowShift, Coefficients k, int outHeight) {
    byte[] src = in.rgb();
    int width = in.width();
    byte[] dst = new byte[outHeight * width * 3];
    for (int y = 0; y < outHeight; y++) {
      int min = k.bounds[2 * y] - rowShift;
      int count = k.bounds[2 * y + 1];
      int kBase = y * k.size;
      for (int x = 0; x < width; x++) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int i = 0; i < count; i++) {
          int w = k.fixed[kBase + i];
          int p = ((min + i) * width + x) * 3;
          r += (src[p] & 0xFF) * w;
          g += (src[p + 1] & 0xFF) * w;
          b += (src[p + 2] & 0xFF) * w;
        }
        int d = (y * width + x) * 3;
        dst[d] = clip8(r);
        dst[d + 1] = clip8(g);
        dst[d + 2] = clip8(b);
      }
    }
    return new RgbFrame(width, outHeight, dst);
  }

  private static byte clip8(int value) {
    if (value >= (1 << PRECISION_BITS) * 256) {
      return (byte) 255;
    }
    if (value <= 0) {
      return 0;
    }
    return (byte) (value >> PRECISION_BITS);
  }

  static double bicubic(double x) {
    final double a = -0.5;
    x = Math.abs(x);
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /** Per output pixel: first source index, tap count, and fixed-point weights ({@code size} slots each). */
  private record Coefficients(int size, int[] bounds, int[] fixed) {

    static Coefficients of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = SUPPORT * filterScale;
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[outSize * 2];
      int[] fixed = new int[outSize * size];
      double[] weights = new double[size];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        double invScale = 1.0 / filterScale;
        int min = Math.max((int) (center - support + 0.5), 0);
        int max = Math.min((int) (center + support + 0.5), inSize) - min;
        double total = 0.0;
        for (int x = 0; x < max; x++) {
          double w = bicubic((x + min - center + 0.5) * invScale);
          weights[x] = w;
          total += w;
        }
        for (int x = 0; x < max; x++) {
          double w = total != 0.0 ? weights[x] / total : weights[x];
          fixed[xx * size + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
        }
        bounds[2 * xx] = min;
        bounds[2 * xx + 1] = max;
      }
      return new Coefficients(size, bounds, fixed);
    }
  }
}
