package dev.videop2r.advantage;

/** How rewards become per-token advantages (method spec §5). */
public enum AdvantageMode {
  /**
   * The process-agnostic baseline (paper §5.2): one reward, the reasoning reward R_r, normalised in the group; one
   * advantage on every token. No perception reward, so no judge.
   */
  GRPO,
  /** R_p and R_r normalised separately; perception tokens get A_p, reasoning tokens A_r. */
  PA_GRPO,
  /**
   * The paper's "no separation" ablation: R_p and R_r normalised separately as in PA-GRPO, but every token gets
   * both, A_p + A_r.
   */
  PA_GRPO_NO_SEPARATION
}
