package dev.videop2r.evaluation;

/**
 * VSI-Bench's mean relative accuracy: the share of ten confidence thresholds θ ∈ {0.50, 0.55, ..., 0.95}
 * for which the relative error |ŷ − y| / |y| stays within 1 − θ. The two conventions differ exactly at
 * ties (relative error equal to 1 − θ, common with integer counts): 3 for 4 scores 0.6 officially and 0.5
 * in Video-R1.
 */
public final class MeanRelativeAccuracy {

  private static final int THRESHOLDS = 10;

  private MeanRelativeAccuracy() {}

  /**
   * thinking-in-space / lmms-eval: double precision, {@code rel <= 1 − θ}, θ from numpy
   * {@code linspace(0.5, 0.95, 10)} (i·step + 0.5 with the exact end point, so 1 − θ₈ = 0.10000000000000009).
   */
  public static double official(double predicted, double truth) {
    double relative = Math.abs(predicted - truth) / truth;
    double step = (0.95 - 0.5) / (THRESHOLDS - 1);
    int hits = 0;
    for (int i = 0; i < THRESHOLDS; i++) {
      double theta = i == THRESHOLDS - 1 ? 0.95 : i * step + 0.5;
      if (relative <= 1 - theta) {
        hits++;
      }
    }
    return hits / (double) THRESHOLDS;
  }

  /**
   * Video-R1's {@code eval_bench.py}: float32 tensors, {@code rel = |ŷ − y| / (|y| + 1e-8)}, θ from
   * {@code torch.arange(0.5, 0.975, 0.05)} and a strict {@code rel < 1 − θ}.
   */
  public static double videoR1(double predicted, double truth) {
    float p = (float) predicted;
    float y = (float) truth;
    float relative = Math.abs(p - y) / (Math.abs(y) + 1e-8f);
    int hits = 0;
    for (int i = 0; i < THRESHOLDS; i++) {
      float theta = (float) (0.5 + i * 0.05);
      if (relative < 1f - theta) {
        hits++;
      }
    }
    return hits / (double) THRESHOLDS;
  }
}
