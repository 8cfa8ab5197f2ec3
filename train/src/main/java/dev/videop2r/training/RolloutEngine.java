package dev.videop2r.training;

import java.util.List;

/**
 * Where rollouts come from. The embedded engine samples from the very weights being trained; a remote
 * (vLLM-style, OpenAI-compatible with log-probs) engine would receive the new weights through
 * {@link #policyUpdated} after every optimizer step.
 */
public interface RolloutEngine extends AutoCloseable {
  /** Decoding settings of the rollouts (paper / Video-R1: temperature 1.0, top-p 0.95, 768 tokens). */
  record Sampling(double temperature, double topP, int maxNewTokens) {
    public Sampling {
      if (!(temperature > 0) || !(topP > 0 && topP <= 1) || maxNewTokens < 1) {
        throw new IllegalArgumentException("need --temperature > 0, 0 < --top-p <= 1, --max-new-tokens >= 1; got "
            + temperature + ", " + topP + ", " + maxNewTokens);
      }
    }
  }

  /**
   * {@code groupSize} completions of every prompt, prompt-major (index p·G + r), reproducible for a seed.
   */
  List<Rollout> generate(List<RolloutPrompt> prompts, int groupSize, Sampling sampling, long seed);

  /** Called after each optimizer step; engines that hold their own copy of the weights sync them here. */
  default void policyUpdated(int step) {}

  @Override
  default void close() {}
}
