package dev.videop2r.reward;

import java.util.Optional;

/**
 * The reward terms of one rollout, each as it enters R_p or R_r (an ablated term is 0).
 *
 * @param perceptionAccuracy r_acc^p; empty when the judge gave no score (never read as 0)
 * @param perceptionFormat r_fmt^p
 * @param perceptionLength r_len^p (0 when no score: its gate needs r_acc^p)
 * @param reasoningAccuracy r_acc^r
 * @param reasoningFormat r_fmt^r
 * @param reasoningLength r_len^r
 * @param perceptionScored false when R_p is unknown because the judge gave no score
 */
public record RewardBreakdown(
    Optional<Double> perceptionAccuracy,
    double perceptionFormat,
    double perceptionLength,
    double reasoningAccuracy,
    double reasoningFormat,
    double reasoningLength,
    boolean perceptionScored) {

  /** R_p = r_acc^p + r_fmt^p + r_len^p, empty when the perception judgement has no score. */
  public Optional<Double> perception() {
    if (!perceptionScored) {
      return Optional.empty();
    }
    return Optional.of(perceptionAccuracy.orElse(0.0) + perceptionFormat + perceptionLength);
  }

  /** R_r = r_acc^r + r_fmt^r + r_len^r. */
  public double reasoning() {
    return reasoningAccuracy + reasoningFormat + reasoningLength;
  }
}
