package dev.videop2r.training;

/** The RL objective's credit assignment. */
public enum Algorithm {
  /** Process-aware: R_p and R_r normalised separately in the group; A_p on perception tokens, A_r on reasoning. */
  PA_GRPO,
  /** Process-agnostic baseline: R = R_p + R_r normalised in the group; one advantage on every token. */
  GRPO
}
