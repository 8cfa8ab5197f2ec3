package dev.videop2r.advantage;

/** How rewards become per-token advantages (method spec §5). */
public enum AdvantageMode {
  /** One reward R = R_p + R_r per rollout, one advantage on every token (process-agnostic baseline). */
  GRPO,
  /** R_p and R_r normalised separately; perception tokens get A_p, reasoning tokens A_r. */
  PA_GRPO,
  /**
   * The paper's "no separation" ablation: R_p and R_r normalised separately as in PA-GRPO, but every token gets
   * both, A_p + A_r.
   */
  PA_GRPO_NO_SEPARATION
}
