package dev.videop2r.advantage;

import dev.videop2r.objective.RlObjective;

/**
 * The advantages of one group (one prompt, G rollouts).
 *
 * @param objective how they were computed and are assigned to tokens
 * @param perception per rollout, the advantage of its perception tokens' process (A_p; A under GRPO)
 * @param reasoning per rollout, the advantage of its reasoning tokens' process (A_r; A under GRPO)
 * @param perceptionCollapsed the perception stream (the single stream under GRPO) has no spread
 * @param reasoningCollapsed the reasoning stream (the single stream under GRPO) has no spread
 */
public record GroupAdvantages(RlObjective objective, double[] perception, double[] reasoning,
    boolean perceptionCollapsed, boolean reasoningCollapsed) {

  public GroupAdvantages {
    if (perception.length != reasoning.length) {
      throw new IllegalArgumentException("perception and reasoning advantages differ in length");
    }
    perception = perception.clone();
    reasoning = reasoning.clone();
  }

  public int size() {
    return perception.length;
  }

  @Override
  public double[] perception() {
    return perception.clone();
  }

  @Override
  public double[] reasoning() {
    return reasoning.clone();
  }

  /** Advantage collapse: GRPO's one stream has no spread; under PA-GRPO, both streams have none. */
  public boolean collapsed() {
    return perceptionCollapsed && reasoningCollapsed;
  }

  /**
   * The advantage of one token of rollout {@code i}: under GRPO its one advantage; under PA-GRPO A_p on perception
   * tokens and A_r on reasoning tokens, or A_p + A_r on every token when separation is ablated.
   */
  public double tokenAdvantage(int rollout, boolean perceptionToken) {
    if (!objective.processAware()) {
      return reasoning[rollout];
    }
    if (!objective.separation()) {
      return perception[rollout] + reasoning[rollout];
    }
    return perceptionToken ? perception[rollout] : reasoning[rollout];
  }
}
