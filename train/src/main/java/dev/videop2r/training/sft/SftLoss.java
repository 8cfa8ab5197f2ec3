package dev.videop2r.training.sft;

import dev.videop2r.model.HostArrays;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TokenLogProbs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Next-token cross-entropy on the assistant's tokens only: −Σ log p(target tokens) / {@code stepTokens}, where
 * {@code stepTokens} counts the target tokens of the whole optimizer step, so micro-batches add up to the token
 * mean of the step.
 */
public final class SftLoss {
  private SftLoss() {}

  /**
   * @param logits {@code [B, L, V]} for the left-padded batch
   * @param batch the padded ids (row b holds example b after {@code batch.padLeft()[b]} pads)
   * @param examples the examples of the batch, in row order (their target masks)
   */
  public static NDArray compute(NDArray logits, NDArray inputIds, TokenBatch batch, List<SftExample> examples,
      long stepTokens) {
    // Only the trailing positions from the earliest target on need a log-softmax (the prompt is not scored).
    int length = batch.length();
    int first = length - 1;
    for (int b = 0; b < batch.rows(); b++) {
      boolean[] target = examples.get(b).target();
      for (int t = 1; t < target.length; t++) {
        if (target[t]) {
          first = Math.min(first, batch.padLeft()[b] + t);
          break;
        }
      }
    }
    int span = length - first;
    NDArray logp = TokenLogProbs.ofLast(logits, inputIds, span);
    float[] w = new float[batch.rows() * span];
    for (int b = 0; b < batch.rows(); b++) {
      boolean[] target = examples.get(b).target();
      int pad = batch.padLeft()[b];
      for (int t = 1; t < target.length; t++) {
        if (target[t]) {
          // Token t of the example sits at sequence position pad+t, which is column pad+t−first of logp.
          w[b * span + pad + t - first] = 1f / stepTokens;
        }
      }
    }
    NDManager m = logp.getManager();
    NDArray weights = HostArrays.owned(m, w, new Shape(batch.rows(), span)).toType(logp.getDataType(), false);
    return logp.mul(weights).sum().neg();
  }
}
