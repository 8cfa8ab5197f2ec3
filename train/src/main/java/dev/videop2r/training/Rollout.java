package dev.videop2r.training;

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
}
