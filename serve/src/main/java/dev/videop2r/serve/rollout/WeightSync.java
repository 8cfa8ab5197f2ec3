package dev.videop2r.serve.rollout;

/**
 * How the policy reaches the rollout servers after each optimizer step. Without LoRA adapters (issue 17, not built)
 * the only way is a full reload: {@link ReloadWeightSync} saves the weights where the servers can read them and
 * asks each (our {@code serve --allow-weight-reload}) to load them, which moves the whole model per step;
 * {@link #NONE} leaves the servers' weights alone (vLLM without a reload route): rollouts are then off-policy and
 * {@code logp_mismatch} grows with every step.
 */
public interface WeightSync {
  WeightSync NONE = (step, servers) -> { };

  /** Makes every live server sample from the policy as it is now (before batch {@code step}). */
  void publish(int step, RolloutServers servers);
}
