package dev.videop2r.training.rl;

/**
 * One sampled completion.
 *
 * @param tokens the generated ids, ending with the stop token when the engine emitted one
 * @param logProbs π_old: log_softmax of the policy's raw logits (temperature 1, no truncation) at each token, as
 *     the generation computed them
 * @param stopped whether the completion ended with a stop token (otherwise it hit the token limit)
 */
public record Rollout(long[] tokens, float[] logProbs, boolean stopped) {
  public Rollout {
    if (tokens.length != logProbs.length) {
      throw new IllegalArgumentException("rollout has " + tokens.length + " tokens but " + logProbs.length
          + " log-probs");
    }
  }

  /**
   * This rollout cut before its first token in {@code forbidden}, or itself when it has none. A generated vision
   * placeholder would make the training forward expect pixels it does not have (R1-V #91), so it ends the rollout
   * (not stopped: it did not emit a stop token).
   */
  public Rollout cutAtFirst(java.util.Set<Long> forbidden) {
    for (int t = 0; t < tokens.length; t++) {
      if (forbidden.contains(tokens[t])) {
        return new Rollout(java.util.Arrays.copyOf(tokens, t), java.util.Arrays.copyOf(logProbs, t), false);
      }
    }
    return this;
  }
}
