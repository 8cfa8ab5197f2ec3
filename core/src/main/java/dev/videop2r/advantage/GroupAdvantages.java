package dev.videop2r.advantage;

/**
 * The advantages of one group (one prompt, G rollouts).
 *
 * @param mode how they were computed
 * @param perception per rollout, the advantage of its perception tokens' process (A_p; A under GRPO)
 * @param reasoning per rollout, the advantage of its reasoning tokens' process (A_r; A under GRPO)
 * @param perceptionCollapsed the perception stream (the single stream under GRPO) has no spread
 * @param reasoningCollapsed the reasoning stream (the single stream under GRPO) has no spread
 */
public record GroupAdvantages(AdvantageMode mode, double[] perception, double[] reasoning,
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

  /** The advantage of one token of rollout {@code i}. */
  public double tokenAdvantage(int rollout, boolean perceptionToken) {
    return switch (mode) {
      case GRPO -> reasoning[rollout];
      case PA_GRPO -> perceptionToken ? perception[rollout] : reasoning[rollout];
      case PA_GRPO_NO_SEPARATION -> perception[rollout] + reasoning[rollout];
    };
  }
}
