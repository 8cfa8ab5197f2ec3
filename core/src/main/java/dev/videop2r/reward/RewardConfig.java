package dev.videop2r.reward;

import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;

/**
 * Every knob of the process rewards, each documented once (in the {@link Doc}s below; docs/core.md lists them).
 * The "w/o perception / length / format reward" rows of paper Table 2 are the three switches.
 */
@Group
public record RewardConfig(
    @Doc(value = "Accuracy and format semantics: corrected, or video-r1 (Video-R1's reward code, quirks included).",
        flag = "scoring-mode")
    ScoringMode mode,
    @Doc("Response template the format rewards check: process-aware or think-answer (Video-R1).")
    ResponseTemplate template,
    @Doc(value = "ω: the length reward r_len when it is earned.", assumed = true, aliases = "omega")
    double lengthBonus,
    @Doc("[l_min^p, l_max^p]: perception tokens that earn r_len^p (paper §13.2).")
    LengthWindow perceptionWindow,
    @Doc(value = "[l_min^r, l_max^r]: reasoning tokens, end of turn included, that earn r_len^r (Video-R1's window).",
        assumed = true)
    LengthWindow reasoningWindow,
    @Doc("r_acc^p, the judge's perception accuracy, is part of R_p (false: 'w/o perception reward', no judge asked;"
        + " r_len^p is then gated on format only).")
    boolean perceptionAccuracyReward,
    @Doc("r_len is part of R_p and R_r (false: 'w/o length reward').")
    boolean lengthReward,
    @Doc("r_fmt is part of R_p and R_r (false: 'w/o format reward'; the format check still gates r_len).")
    boolean formatReward) {

  public RewardConfig {
    InvalidFieldException.check(mode != null, "mode", "required");
    InvalidFieldException.check(template != null, "template", "required");
    InvalidFieldException.check(perceptionWindow != null, "perceptionWindow", "required");
    InvalidFieldException.check(reasoningWindow != null, "reasoningWindow", "required");
    InvalidFieldException.check(lengthBonus >= 0, "lengthBonus", "ω must be >= 0, got " + lengthBonus);
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
