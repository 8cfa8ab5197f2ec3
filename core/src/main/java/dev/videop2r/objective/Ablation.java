package dev.videop2r.objective;

/**
 * The paper's Table 2 ablations of the RL objective, each a term or rule it drops. ("RL only", training from the
 * base model without SFT, is a choice of starting model, not of objective.)
 */
public enum Ablation {
  /** Drop the judge's perception accuracy r_acc^p (the judge is not called); R_p keeps format and length. */
  NO_PERCEPTION_REWARD("reward.perceptionAccuracyReward"),
  /** Drop both length rewards r_len^p and r_len^r. */
  NO_LENGTH_REWARD("reward.lengthReward"),
  /** Drop both format rewards r_fmt^p and r_fmt^r (the format check still gates r_len). */
  NO_FORMAT_REWARD("reward.formatReward"),
  /** PA-GRPO's two advantages, but both summed onto every token instead of each on its own segment. */
  NO_SEPARATION("separation");

  private final String formerSwitch;

  Ablation(String formerSwitch) {
    this.formerSwitch = formerSwitch;
  }

  /**
   * The boolean spec field that stood for this ablation (set false) before ablations became one list; older
   * {@code config.yaml} files still say it this way.
   */
  public String formerSwitch() {
    return formerSwitch;
  }
}
