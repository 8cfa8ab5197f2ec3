package dev.videop2r.reward;

/**
 * Video-R1's temporal contrast, the reward of T-GRPO (video-r1.md §6.5; its {@code grpo_trainer.py}): a video
 * prompt's G rollouts on ordered frames are compared with G/2 rollouts on the same frames shuffled. When the
 * ordered rollouts' mean accuracy p reaches μ times the shuffled rollouts' mean accuracy p̃ (p ≥ μ·p̃; ties earn
 * it, and so does p = p̃ = 0), every ordered rollout whose accuracy exceeds the threshold gets α added to its
 * accuracy. Means and the comparison are in float32, as Video-R1's tensors are. Stateless and thread-safe.
 *
 * @param alpha α, the bonus (Video-R1: 0.3)
 * @param mu μ, the share of the shuffled accuracy the ordered accuracy must reach (Video-R1: 0.8)
 * @param accuracyThreshold only rollouts with accuracy above this get the bonus (Video-R1: 0.1)
 */
public record TemporalBonus(double alpha, double mu, double accuracyThreshold) {

  public TemporalBonus {
    if (!(alpha >= 0) || !(mu >= 0) || !(accuracyThreshold >= 0)) {
      throw new IllegalArgumentException("temporal bonus needs α, μ and the accuracy threshold >= 0, got " + alpha
          + ", " + mu + ", " + accuracyThreshold);
    }
  }

  /** Video-R1's constants: α = 0.3, μ = 0.8, threshold 0.1. */
  public static TemporalBonus videoR1() {
    return new TemporalBonus(0.3, 0.8, 0.1);
  }

  /** Whether the ordered frames beat the shuffled ones: p ≥ μ·p̃. */
  public boolean earned(double[] orderedAccuracy, double[] shuffledAccuracy) {
    if (orderedAccuracy.length == 0 || shuffledAccuracy.length == 0) {
      throw new IllegalArgumentException("the temporal contrast needs ordered and shuffled rollouts, got "
          + orderedAccuracy.length + " and " + shuffledAccuracy.length);
    }
    return mean(orderedAccuracy) >= (float) mu * mean(shuffledAccuracy);
  }

  /** The bonus of each ordered rollout: α when {@link #earned} and its accuracy exceeds the threshold, else 0. */
  public double[] bonuses(double[] orderedAccuracy, double[] shuffledAccuracy) {
    boolean earned = earned(orderedAccuracy, shuffledAccuracy);
    double[] out = new double[orderedAccuracy.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = earned && (float) orderedAccuracy[i] > (float) accuracyThreshold ? alpha : 0.0;
    }
    return out;
  }

  private static float mean(double[] values) {
    float sum = 0;
    for (double v : values) {
      sum += (float) v;
    }
    return sum / values.length;
  }
}
