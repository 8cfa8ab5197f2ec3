package dev.videop2r.reward;

import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;

/**
 * Every knob of the process rewards, each documented once (in the {@link Doc}s below; docs/core.md lists them).
 * Which terms count (the "w/o perception / length / format reward" rows of paper Table 2) is part of the RL
 * objective ({@link dev.videop2r.objective.RlObjective}), not of this record.
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
    LengthWindow reasoningWindow) {

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
        new LengthWindow(128, 320), new LengthWindow(320, 512));
  }

  public RewardConfig withMode(ScoringMode newMode) {
    return new RewardConfig(newMode, template, lengthBonus, perceptionWindow, reasoningWindow);
  }

  public RewardConfig withTemplate(ResponseTemplate newTemplate) {
    return new RewardConfig(mode, newTemplate, lengthBonus, perceptionWindow, reasoningWindow);
  }

  public RewardConfig withLengthBonus(double omega) {
    return new RewardConfig(mode, template, omega, perceptionWindow, reasoningWindow);
  }

  public RewardConfig withWindows(LengthWindow perception, LengthWindow reasoning) {
    return new RewardConfig(mode, template, lengthBonus, perception, reasoning);
  }
}
