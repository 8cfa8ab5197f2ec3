package dev.videop2r.training;

/** The RL objective's credit assignment. */
public enum Algorithm {
  /** Process-aware: R_p and R_r normalised separately in the group; A_p on perception tokens, A_r on reasoning. */
  PA_GRPO,
  /** Process-agnostic baseline (paper §5.2): the reasoning reward R_r alone, one advantage on every token; no judge. */
  GRPO
}
