package dev.videop2r.reward;

import dev.videop2r.objective.RlObjective;
import dev.videop2r.template.ParsedResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * R_p and R_r of one rollout (method spec §4). r_len^s = ω when r_acc^s > 0, r_fmt^s > 0 and the segment's
 * token length lies in its window, else 0. The objective's ablations drop terms. Stateless and thread-safe.
 */
public final class ProcessRewards {

  private final RewardConfig config;
  private final RlObjective objective;

  /** Every term counts (no ablation). */
  public ProcessRewards(RewardConfig config) {
    this(config, RlObjective.paGrpo());
  }

  public ProcessRewards(RewardConfig config, RlObjective objective) {
    this.config = Objects.requireNonNull(config, "config");
    this.objective = Objects.requireNonNull(objective, "objective");
  }

  public RewardConfig config() {
    return config;
  }

  /**
   * @param parsed the completion parsed with the configured template
   * @param reasoningAccuracy r_acc^r from {@link ReasoningAccuracy}
   * @param perceptionAccuracy r_acc^p from the judge (1 sufficient, 0 insufficient), empty for "no score"
   * @param perceptionTokens l^p, the number of perception tokens
   * @param reasoningTokens l^r, the number of reasoning tokens (end-of-turn included)
   */
  public RewardBreakdown score(ParsedResponse parsed, double reasoningAccuracy,
      Optional<Double> perceptionAccuracy, int perceptionTokens, int reasoningTokens) {
    if (parsed.template() != config.template()) {
      throw new IllegalArgumentException("response parsed with template " + parsed.template()
          + " but the rewards are configured for " + config.template());
    }
    double pFormat = FormatReward.perception(parsed, config.mode());
    double rFormat = FormatReward.reasoning(parsed, config.mode());

    boolean useJudge = objective.perceptionAccuracyReward();
    boolean scored = !useJudge || perceptionAccuracy.isPresent();
    boolean pAccurate = !useJudge || perceptionAccuracy.map(a -> a > 0).orElse(false);
    double pLength = lengthReward(pAccurate && pFormat > 0, config.perceptionWindow().contains(perceptionTokens));
    double rLength = lengthReward(reasoningAccuracy > 0 && rFormat > 0,
        config.reasoningWindow().contains(reasoningTokens));

    Optional<Double> pAccuracy = useJudge ? perceptionAccuracy : Optional.of(0.0);
    return new RewardBreakdown(
        pAccuracy,
        objective.formatReward() ? pFormat : 0.0,
        pLength,
        reasoningAccuracy,
        objective.formatReward() ? rFormat : 0.0,
        rLength,
        scored);
  }

  private double lengthReward(boolean gate, boolean inWindow) {
    return objective.lengthReward() && gate && inWindow ? config.lengthBonus() : 0.0;
  }
}
