package dev.videop2r.advantage;

import java.util.Objects;

/**
 * Every knob of the group normalisation, each documented once (docs/core.md).
 *
 * @param epsilon added to the standard deviation (not the variance): A = (R − mean) / (std + ε); default 1e-4
 *     (Video-R1)
 * @param std unbiased (n − 1, default, Video-R1) or biased (n)
 * @param collapseTolerance a reward stream counts as collapsed when max − min ≤ this over the group's scored
 *     rollouts; default 1e-6. Only a statistic: advantages always follow the formula (which gives exactly 0 when
 *     all rewards are equal), as in Video-R1
 */
public record AdvantageConfig(double epsilon, StdEstimator std, double collapseTolerance) {

  public AdvantageConfig {
    Objects.requireNonNull(std, "std");
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("advantage epsilon must be >= 0, got " + epsilon);
    }
    if (!(collapseTolerance >= 0)) {
      throw new IllegalArgumentException("collapse tolerance must be >= 0, got " + collapseTolerance);
    }
  }

  public static AdvantageConfig defaults() {
    return new AdvantageConfig(1e-4, StdEstimator.UNBIASED, 1e-6);
  }

  public AdvantageConfig withEpsilon(double newEpsilon) {
    return new AdvantageConfig(newEpsilon, std, collapseTolerance);
  }

  public AdvantageConfig withStd(StdEstimator newStd) {
    return new AdvantageConfig(epsilon, newStd, collapseTolerance);
  }

  public AdvantageConfig withCollapseTolerance(double tolerance) {
    return new AdvantageConfig(epsilon, std, tolerance);
  }
}
