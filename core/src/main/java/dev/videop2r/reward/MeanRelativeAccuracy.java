package dev.videop2r.reward;

/**
 * VSI-Bench's mean relative accuracy: the share of ten confidence thresholds θ ∈ {0.50, 0.55, …, 0.95} at which
 * the relative error |ŷ − y| / y is within 1 − θ. The two published implementations disagree exactly at ties.
 */
public final class MeanRelativeAccuracy {

  /** Which implementation's arithmetic and tie rule. */
  public enum Convention {
    /**
     * thinking-in-space / lmms-eval: double precision, rel = |ŷ − y| / y, thresholds numpy
     * {@code linspace(0.5, 0.95, 10)}, a hit when {@code rel <= 1 − θ}.
     */
    OFFICIAL,
    /**
     * Video-R1's eval_bench.py: float32 throughout, rel = |ŷ − y| / (|y| + 1e-8), thresholds
     * {@code torch.arange(0.5, 0.975, 0.05)}, a hit only when {@code rel < 1 − θ}; the mean is a float32.
     */
    VIDEO_R1
  }

  private static final int THRESHOLDS = 10;
  private static final double[] OFFICIAL_TOLERANCE = officialTolerances();
  private static final float[] VIDEO_R1_TOLERANCE = videoR1Tolerances();

  private MeanRelativeAccuracy() {}

  public static double score(double prediction, double target, Convention convention) {
    int hits = 0;
    if (convention == Convention.OFFICIAL) {
      double rel = Math.abs(prediction - target) / target;
      for (double tolerance : OFFICIAL_TOLERANCE) {
        if (rel <= tolerance) {
          hits++;
        }
      }
      return hits / (double) THRESHOLDS;
    }
    float p = (float) prediction;
    float t = (float) target;
    float rel = Math.abs(p - t) / (Math.abs(t) + 1e-8f);
    for (float tolerance : VIDEO_R1_TOLERANCE) {
      if (rel < tolerance) {
        hits++;
      }
    }
    return hits / (float) THRESHOLDS;
  }

  /** 1 − θ for numpy's linspace: θ_i = i·step + start with step = (stop − start) / 9, the last one = stop. */
  private static double[] officialTolerances() {
    double start = 0.5;
    double stop = 0.95;
    double step = (stop - start) / (THRESHOLDS - 1);
    double[] tolerance = new double[THRESHOLDS];
    for (int i = 0; i < THRESHOLDS; i++) {
      double theta = i == THRESHOLDS - 1 ? stop : i * step + start;
      tolerance[i] = 1 - theta;
    }
    return tolerance;
  }

  /**
   * 1 − θ in float32 for torch's CPU arange: each θ_i = 0.5 + 0.05·i is computed in double and then
   * stored as float32; the subtraction {@code 1 − θ} is float32 arithmetic.
   */
  private static float[] videoR1Tolerances() {
    float[] tolerance = new float[THRESHOLDS];
    for (int i = 0; i < THRESHOLDS; i++) {
      float theta = (float) (0.5 + 0.05 * i);
      tolerance[i] = 1f - theta;
    }
    return tolerance;
  }
}
