package dev.videop2r.objective;

/** How an RL objective assigns credit: which rewards are normalised in the group and which tokens get them. */
public enum Algorithm {
  /** Process-aware: R_p and R_r normalised separately in the group; A_p on perception tokens, A_r on reasoning. */
  PA_GRPO,
  /** Process-agnostic baseline (paper §5.2): the reasoning reward R_r alone, one advantage on every token; no judge. */
  GRPO,
  /**
   * Video-R1's temporal GRPO: the GRPO baseline whose video prompts are also answered G/2 times with shuffled
   * frames; the accurate ordered rollouts get α = 0.3 on r_acc^r when the ordered mean accuracy reaches μ = 0.8
   * times the shuffled one (core {@code TemporalBonus}). No judge.
   */
  T_GRPO
}
