package dev.videop2r.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Log-probabilities of the tokens a sequence actually contains, from the logits that predicted them: the logits
 * at position t score the token at t+1 (the usual shift by one).
 */
public final class TokenLogProbs {
  private TokenLogProbs() {}

  /**
   * @param logits float {@code [B, L, V]}
   * @param inputIds int64 {@code [B, L]}
   * @return float {@code [B, L-1]}: entry (b, t) = log p(inputIds[b, t+1] | inputIds[b, ..t])
   */
  public static NDArray of(NDArray logits, NDArray inputIds) {
    return ofLast(logits, inputIds, (int) logits.getShape().get(1) - 1);
  }

  /**
   * The log-probabilities of the last {@code count} tokens of each row only: the same values as the last
   * {@code count} columns of {@link #of}, but the log-softmax runs over {@code count} positions instead of L−1
   * (with left padding, completions and SFT targets sit at the end, while the prompt and its vision tokens make
   * up most of L and the vocabulary V is large).
   *
   * @param count 1 ≤ count ≤ L−1
   * @return float {@code [B, count]}: entry (b, j) = log p(inputIds[b, L−count+j] | inputIds[b, ..L−count+j−1])
   */
  public static NDArray ofLast(NDArray logits, NDArray inputIds, int count) {
    long length = logits.getShape().get(1);
    if (count < 1 || count > length - 1) {
      throw new IllegalArgumentException("need 1 <= count <= " + (length - 1) + " (sequence length - 1), got "
          + count);
    }
    NDArray predicting = logits.get(new NDIndex(":, {}:{}, :", length - 1 - count, length - 1));
    NDArray logp = predicting.logSoftmax(-1);
    NDArray targets = inputIds.get(new NDIndex(":, {}:", length - count)).expandDims(-1);
    return logp.gather(targets, -1).squeeze(-1);
  }
}
