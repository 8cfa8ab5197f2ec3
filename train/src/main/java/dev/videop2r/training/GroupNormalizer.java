package dev.videop2r.training;

/**
 * Group-relative advantage of one process (GRPO, Video-R1 §6.7): A_i = (r_i − mean) / (std + ε) with the unbiased
 * std over the rollouts whose reward is present. Rollouts with an absent reward (NaN, e.g. the judge gave no
 * score) are left out of mean and std and get advantage 0.
 */
public final class GroupNormalizer {
  /** Rewards this close count as equal: such a group is collapsed (all advantages 0). */
  public static final double COLLAPSE_TOLERANCE = 1e-6;

  private GroupNormalizer() {}

  public static double[] advantages(double[] rewards, double epsilon) {
    double sum = 0;
    int n = 0;
    for (double r : rewards) {
      if (!Double.isNaN(r)) {
        sum += r;
        n++;
      }
    }
    double[] a = new double[rewards.length];
    if (n < 2) {
      return a;
    }
    double mean = sum / n;
    double squares = 0;
    for (double r : rewards) {
      if (!Double.isNaN(r)) {
        squares += (r - mean) * (r - mean);
      }
    }
    double std = Math.sqrt(squares / (n - 1));
    for (int i = 0; i < rewards.length; i++) {
      a[i] = Double.isNaN(rewards[i]) ? 0 : (rewards[i] - mean) / (std + epsilon);
    }
    return a;
  }

  /** True when fewer than two rewards are present or all present ones are (nearly) equal. */
  public static boolean collapsed(double[] rewards) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (double r : rewards) {
      if (!Double.isNaN(r)) {
        min = Math.min(min, r);
        max = Math.max(max, r);
        n++;
      }
    }
    return n < 2 || max - min <= COLLAPSE_TOLERANCE;
  }
}
