package dev.videop2r.advantage;

import java.util.Optional;

/**
 * One reward stream of one group: A_i = (R_i − mean) / (std + ε) over the rollouts that have a reward. A rollout
 * without one ("no score") is left out of the mean and std and gets advantage 0.
 */
public final class GroupNormalizer {

  /**
   * @param advantages per rollout (0 for unscored rollouts)
   * @param scored how many rollouts had a reward
   * @param mean mean over the scored rollouts (NaN when none)
   * @param std standard deviation over the scored rollouts (0 when fewer than two)
   * @param collapsed max − min ≤ tolerance over the scored rollouts (also when fewer than two are scored)
   */
  public record Normalized(double[] advantages, int scored, double mean, double std, boolean collapsed) {
    public Normalized {
      advantages = advantages.clone();
    }

    @Override
    public double[] advantages() {
      return advantages.clone();
    }

    public double advantage(int rollout) {
      return advantages[rollout];
    }
  }

  private GroupNormalizer() {}

  public static Normalized normalize(Optional<Double>[] rewards, double epsilon, StdEstimator estimator,
      double collapseTolerance) {
    int n = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Optional<Double> r : rewards) {
      if (r.isPresent()) {
        double v = r.get();
        n++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double[] advantages = new double[rewards.length];
    if (n < 2) {
      // One reward has no spread; torch's unbiased std would be NaN here. No signal: advantage 0.
      return new Normalized(advantages, n, n == 0 ? Double.NaN : sum, 0.0, true);
    }
    // Equal rewards must give exactly 0: sum / n can miss the common value by an ulp, which ε would not hide.
    double mean = max == min ? min : sum / n;
    double squares = 0;
    for (Optional<Double> r : rewards) {
      if (r.isPresent()) {
        double d = r.get() - mean;
        squares += d * d;
      }
    }
    double std = Math.sqrt(squares / (estimator == StdEstimator.UNBIASED ? n - 1 : n));
    for (int i = 0; i < rewards.length; i++) {
      if (rewards[i].isPresent()) {
        advantages[i] = (rewards[i].get() - mean) / (std + epsilon);
      }
    }
    return new Normalized(advantages, n, mean, std, max - min <= collapseTolerance);
  }

  /** Normalises a stream where every rollout has a reward. */
  public static Normalized normalize(double[] rewards, double epsilon, StdEstimator estimator,
      double collapseTolerance) {
    @SuppressWarnings("unchecked")
    Optional<Double>[] boxed = new Optional[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      boxed[i] = Optional.of(rewards[i]);
    }
    return normalize(boxed, epsilon, estimator, collapseTolerance);
  }
}
