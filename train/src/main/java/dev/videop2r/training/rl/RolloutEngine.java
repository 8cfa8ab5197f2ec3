package dev.videop2r.training.rl;

import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.training.RolloutPrompt;
import java.util.List;

/**
 * Where rollouts come from. The embedded engine samples from the very weights being trained; a remote
 * (vLLM-style, OpenAI-compatible with log-probs) engine would receive the new weights through
 * {@link #policyUpdated} after every optimizer step.
 */
public interface RolloutEngine extends AutoCloseable {
  /** Decoding settings of the rollouts (paper / Video-R1: temperature 1.0, top-p 0.95, 768 tokens). */
  /** How rollouts are sampled (Video-R1's values; the paper gives none). */
  @Group
  record Sampling(
      @Doc(value = "Rollout sampling temperature.", assumed = true)
      double temperature,
      @Doc(value = "Rollout nucleus (top-p) mass.", assumed = true)
      double topP,
      @Doc(value = "Longest rollout, in new tokens.", assumed = true)
      int maxNewTokens) {
    public Sampling {
      InvalidFieldException.check(temperature > 0, "temperature", "must be > 0, got " + temperature);
      InvalidFieldException.check(topP > 0 && topP <= 1, "topP", "must be in (0, 1], got " + topP);
      InvalidFieldException.check(maxNewTokens >= 1, "maxNewTokens", "must be >= 1, got " + maxNewTokens);
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
