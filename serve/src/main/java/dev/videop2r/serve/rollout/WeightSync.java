package dev.videop2r.serve.rollout;

/**
 * How the policy reaches the rollout servers after each optimizer step. With LoRA ({@code rl --lora-rank})
 * {@link LoraWeightSync} saves the adapter and has every server load it under a new name (vLLM's runtime LoRA
 * route; a few MB per step). Without LoRA the only way is a full reload: {@link ReloadWeightSync} saves the weights
 * where the servers can read them and asks each (our {@code serve --allow-weight-reload}) to load them, which moves
 * the whole model per step; {@link #NONE} leaves the servers' weights alone (vLLM without a reload route): rollouts
 * are then off-policy and {@code logp_mismatch} grows with every step.
 */
public interface WeightSync {
  WeightSync NONE = (step, servers, model) -> model;

  /**
   * Makes every live server sample from the policy as it is now (before batch {@code step}).
   *
   * @param model the served model's name
   * @return the model name rollout requests ask for from now on (an adapter's name with LoRA)
   */
  String publish(int step, RolloutServers servers, String model);
}
