package dev.videop2r.training;

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
    long length = logits.getShape().get(1);
    NDArray predicting = logits.get(new NDIndex(":, :{}, :", length - 1));
    NDArray logp = predicting.logSoftmax(-1);
    NDArray targets = inputIds.get(new NDIndex(":, 1:")).expandDims(-1);
    return logp.gather(targets, -1).squeeze(-1);
  }
}
