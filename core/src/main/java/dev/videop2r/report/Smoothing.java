package dev.videop2r.report;

/**
 * TensorBoard's curve smoothing: an exponential moving average, debiased so the first points are not pulled toward
 * zero ({@code s_n = (w·m_{n-1} + (1-w)·y_n) / (1 - w^n)}). Points that are not finite stay gaps and do not count.
 */
public final class Smoothing {
  private Smoothing() {}

  /** The smoothed copy of {@code y} with weight {@code w} in [0, 1): 0 returns the points as they are. */
  public static double[] ema(double[] y, double w) {
    if (!(w >= 0 && w < 1)) {
      throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + w);
    }
    double[] out = new double[y.length];
    double moving = 0;
    double debias = 1;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        out[i] = Double.NaN;
        continue;
      }
      moving = w * moving + (1 - w) * y[i];
      debias *= w;
      out[i] = moving / (1 - debias);
    }
    return out;
  }
}
