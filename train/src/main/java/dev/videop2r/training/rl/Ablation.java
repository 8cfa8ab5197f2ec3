package dev.videop2r.training.rl;

/** The paper's Table 2 ablations, each a flag ({@code --ablate}). */
public enum Ablation {
  /** Drop the judge's perception accuracy r_acc^p (the judge is not called); R_p keeps format and length. */
  NO_PERCEPTION_REWARD,
  /** Drop both length rewards r_len^p and r_len^r. */
  NO_LENGTH_REWARD,
  /** Drop both format rewards r_fmt^p and r_fmt^r. */
  NO_FORMAT_REWARD,
  /** PA-GRPO's two advantages, but both summed onto every token instead of each on its own segment. */
  NO_SEPARATION,
  /** RL from the base model: no SFT stage; the reference is the base model too (a run-level choice of --model). */
  NO_SFT
}
