package dev.videop2r.advantage;

import dev.videop2r.objective.RlObjective;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.template.ProcessTokens;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Group-normalised advantages for GRPO and PA-GRPO, and their per-token vectors. Thread-safe. */
public final class AdvantageEstimator {

  private final RlObjective objective;
  private final AdvantageConfig config;

  public AdvantageEstimator(RlObjective objective, AdvantageConfig config) {
    this.objective = Objects.requireNonNull(objective, "objective");
    this.config = Objects.requireNonNull(config, "config");
  }

  public AdvantageConfig config() {
    return config;
  }

  /**
   * The advantages of one group. GRPO, the paper's process-agnostic baseline, normalises the reasoning reward R_r
   * alone and puts that one advantage on every token (paper §5.2: "a single reasoning reward across all output
   * tokens"; no perception reward, so no judge). Under PA-GRPO a rollout whose R_p is unknown ("no score") is left
   * out of the perception stream only.
   */
  @SuppressWarnings("unchecked")
  public GroupAdvantages group(List<RewardBreakdown> rollouts) {
    int g = rollouts.size();
    if (g == 0) {
      throw new IllegalArgumentException("a group needs at least one rollout");
    }
    Optional<Double>[] reasoning = new Optional[g];
    for (int i = 0; i < g; i++) {
      reasoning[i] = Optional.of(rollouts.get(i).reasoning());
    }
    GroupNormalizer.Normalized r = normalize(reasoning);
    if (!objective.processAware()) {
      double[] a = r.advantages();
      return new GroupAdvantages(objective, a, a, r.collapsed(), r.collapsed());
    }
    Optional<Double>[] perception = new Optional[g];
    for (int i = 0; i < g; i++) {
      perception[i] = rollouts.get(i).perception();
    }
    GroupNormalizer.Normalized p = normalize(perception);
    return new GroupAdvantages(objective, p.advantages(), r.advantages(), p.collapsed(), r.collapsed());
  }

  private GroupNormalizer.Normalized normalize(Optional<Double>[] rewards) {
    return GroupNormalizer.normalize(rewards, config.epsilon(), config.std(), config.collapseTolerance());
  }

  /** The advantage of every completion token of rollout {@code i}, in token order. */
  public static float[] tokenAdvantages(GroupAdvantages group, int rollout, ProcessTokens tokens) {
    float[] out = new float[tokens.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = (float) group.tokenAdvantage(rollout, tokens.isPerception(t));
    }
    return out;
  }
}
