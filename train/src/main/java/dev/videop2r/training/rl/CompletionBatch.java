package dev.videop2r.training.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TokenLogProbs;
import java.util.ArrayList;
import java.util.List;

/**
 * A micro-batch of rollouts laid out for a forward pass: prompt + completion per row, left-padded, and the
 * mapping from completion token j of row b to the column of the log-prob matrix {@code [B, span]} that scores
 * it. Left padding puts every completion at the end of its row, so only the last {@code span} tokens (span = the
 * longest completion) need log-probabilities ({@link TokenLogProbs#ofLast}); row b's completion starts at column
 * {@code span − completionLength[b]}.
 */
final class CompletionBatch {
  final TokenBatch tokens;
  final List<VisualInputs> visuals = new ArrayList<>();
  /** Columns of the log-prob matrix: the longest completion of the batch (at least 1). */
  final int span;
  private final int[] completionStart;
  private final int[] completionLength;

  CompletionBatch(RolloutBatch batch, int from, int to, long padId) {
    List<long[]> sequences = new ArrayList<>();
    completionStart = new int[to - from];
    completionLength = new int[to - from];
    for (int i = from; i < to; i++) {
      RolloutPrompt prompt = batch.promptOf(i);
      long[] completion = batch.rollouts().get(i).tokens();
      long[] seq = new long[prompt.ids().length + completion.length];
      System.arraycopy(prompt.ids(), 0, seq, 0, prompt.ids().length);
      System.arraycopy(completion, 0, seq, prompt.ids().length, completion.length);
      sequences.add(seq);
      visuals.addAll(prompt.visuals());
      completionLength[i - from] = completion.length;
    }
    tokens = TokenBatch.leftPadded(sequences, padId);
    int longest = 1;
    for (int length : completionLength) {
      longest = Math.max(longest, length);
    }
    span = longest;
    for (int b = 0; b < to - from; b++) {
      completionStart[b] = span - completionLength[b];
    }
  }

  /** Log-probabilities {@code [B, span]} of the batch's trailing tokens from the model's logits {@code [B, L, V]}. */
  NDArray logProbs(NDArray logits, NDArray ids) {
    return TokenLogProbs.ofLast(logits, ids, span);
  }

  /** Per-completion-token values scattered into a {@code [B, span]} array (0 elsewhere). */
  NDArray scatter(NDManager m, float[][] values, int from) {
    float[] flat = new float[tokens.rows() * span];
    for (int b = 0; b < tokens.rows(); b++) {
      float[] v = values[from + b];
      System.arraycopy(v, 0, flat, b * span + completionStart[b], v.length);
    }
    return HostArrays.owned(m, flat, new Shape(tokens.rows(), span));
  }

  /** The completion part of a {@code [B, span]} log-prob array, one row per rollout. */
  float[][] gather(NDArray logp) {
    float[] flat = logp.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    float[][] out = new float[tokens.rows()][];
    for (int b = 0; b < tokens.rows(); b++) {
      out[b] = new float[completionLength[b]];
      System.arraycopy(flat, b * span + completionStart[b], out[b], 0, completionLength[b]);
    }
    return out;
  }
}
