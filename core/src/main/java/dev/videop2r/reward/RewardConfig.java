package dev.videop2r.reward;

import dev.videop2r.template.ResponseTemplate;
import java.util.Objects;

/**
 * Every knob of the process rewards, each documented once (docs/core.md lists them with defaults).
 *
 * @param mode accuracy and format semantics; default {@code corrected}
 * @param template the response template the format rewards check; default process-aware
 * @param lengthBonus ω, the length reward when it is earned; default 0.2 (assumed, Video-R1's value)
 * @param perceptionWindow [l_min^p, l_max^p] in perception tokens; default [128, 320] (paper §13.2)
 * @param reasoningWindow [l_min^r, l_max^r] in reasoning tokens (end-of-turn included); default [320, 512]
 *     (assumed, Video-R1's window)
 * @param perceptionAccuracyReward whether r_acc^p is part of R_p; false is the paper's "w/o perception reward"
 *     ablation: R_p = r_fmt^p + r_len^p, no judge needed, and the perception length reward is gated on format only
 * @param lengthReward whether r_len is part of R_p and R_r; false is the "w/o length reward" ablation
 * @param formatReward whether r_fmt is part of R_p and R_r; false is the "w/o format reward" ablation (the format
 *     check still gates the length reward)
 */
public record RewardConfig(
    ScoringMode mode,
    ResponseTemplate template,
    double lengthBonus,
    LengthWindow perceptionWindow,
    LengthWindow reasoningWindow,
    boolean perceptionAccuracyReward,
    boolean lengthReward,
    boolean formatReward) {

  public RewardConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(perceptionWindow, "perceptionWindow");
    Objects.requireNonNull(reasoningWindow, "reasoningWindow");
    if (!(lengthBonus >= 0)) {
      throw new IllegalArgumentException("length bonus ω must be >= 0, got " + lengthBonus);
    }
  }

  /** The method spec's defaults in corrected mode. */
  public static RewardConfig defaults() {
    return new RewardConfig(ScoringMode.CORRECTED, ResponseTemplate.PROCESS_AWARE, 0.2,
        new LengthWindow(128, 320), new LengthWindow(320, 512), true, true, true);
  }

  public RewardConfig withMode(ScoringMode newMode) {
    return new RewardConfig(newMode, template, lengthBonus, perceptionWindow, reasoningWindow,
        perceptionAccuracyReward, lengthReward, formatReward);
  }

  public RewardConfig withTemplate(ResponseTemplate newTemplate) {
    return new RewardConfig(mode, newTemplate, lengthBonus, perceptionWindow, reasoningWindow,
        perceptionAccuracyReward, lengthReward, formatReward);
  }

  public RewardConfig withLengthBonus(double omega) {
    return new RewardConfig(mode, template, omega, perceptionWindow, reasoningWindow, perceptionAccuracyReward,
        lengthReward, formatReward);
  }

  public RewardConfig withWindows(LengthWindow perception, LengthWindow reasoning) {
    return new RewardConfig(mode, template, lengthBonus, perception, reasoning, perceptionAccuracyReward,
        lengthReward, formatReward);
  }

  /** The "w/o perception reward" ablation. */
  public RewardConfig withoutPerceptionAccuracy() {
    return new RewardConfig(mode, template, lengthBonus, perceptionWindow, reasoningWindow, false, lengthReward,
        formatReward);
  }

  /** The "w/o length reward" ablation. */
  public RewardConfig withoutLengthReward() {
    return new RewardConfig(mode, template, lengthBonus, perceptionWindow, reasoningWindow,
        perceptionAccuracyReward, false, formatReward);
  }

  /** The "w/o format reward" ablation. */
  public RewardConfig withoutFormatReward() {
    return new RewardConfig(mode, template, lengthBonus, perceptionWindow, reasoningWindow,
        perceptionAccuracyReward, lengthReward, false);
  }
}
