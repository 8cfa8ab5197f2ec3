package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TokenLogProbs;
import dev.videop2r.training.sft.SftLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Log-probs of the trailing columns only are bit-identical to the same columns of the full-sequence ones. */
class TokenLogProbsTest {
  private static final int V = 37;

  private static NDArray logits(NDManager m, int rows, int length, long seed) {
    Random random = new Random(seed);
    float[] values = new float[rows * length * V];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (3 * random.nextGaussian());
    }
    return m.create(values, new Shape(rows, length, V));
  }

  private static List<long[]> sequences(Random random, int[] lengths) {
    List<long[]> out = new ArrayList<>();
    for (int length : lengths) {
      long[] s = new long[length];
      for (int i = 0; i < length; i++) {
        s[i] = 1 + random.nextInt(V - 1);
      }
      out.add(s);
    }
    return out;
  }

  @Test
  void theLastColumnsEqualTheFullLogProbsBitForBit() {
    try (NDManager m = NDManager.newBaseManager()) {
      TokenBatch batch = TokenBatch.leftPadded(sequences(new Random(1), new int[] {9, 4, 12}), 0);
      NDArray ids = batch.idsArray(m);
      NDArray logits = logits(m, batch.rows(), batch.length(), 1);
      NDArray full = TokenLogProbs.of(logits, ids);
      for (int count = 1; count < batch.length(); count++) {
        NDArray last = TokenLogProbs.ofLast(logits, ids, count);
        assertEquals(new Shape(batch.rows(), count), last.getShape());
        assertArrayEquals(full.get(new NDIndex(":, {}:", batch.length() - 1 - count)).toFloatArray(),
            last.toFloatArray());
      }
      assertThrows(IllegalArgumentException.class, () -> TokenLogProbs.ofLast(logits, ids, batch.length()));
      assertThrows(IllegalArgumentException.class, () -> TokenLogProbs.ofLast(logits, ids, 0));
    }
  }

  @Test
  void completionBatchGathersTheSameLogProbsAsTheFullShiftedMatrix() {
    Random random = new Random(2);
    Sample sample = new Sample(0, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>",
        "v.mp4", "s", List.of(), null, null);
    List<RolloutPrompt> prompts = sequences(random, new int[] {7, 3}).stream()
        .map(ids -> new RolloutPrompt(sample, ids, List.of())).toList();
    List<Rollout> rollouts = new ArrayList<>();
    for (long[] c : sequences(random, new int[] {5, 1, 8, 2})) {
      rollouts.add(new Rollout(c, new float[c.length], true));
    }
    RolloutBatch batch = new RolloutBatch(prompts, 2, rollouts, null, null, null, java.util.Map.of());
    CompletionBatch cb = new CompletionBatch(batch, 0, 4, 0);
    assertEquals(8, cb.span);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = cb.tokens.idsArray(m);
      NDArray logits = logits(m, cb.tokens.rows(), cb.tokens.length(), 2);
      float[] full = TokenLogProbs.of(logits, ids).toFloatArray();
      float[][] gathered = cb.gather(cb.logProbs(logits, ids));
      int span = cb.tokens.length() - 1;
      for (int b = 0; b < 4; b++) {
        int promptLength = batch.promptOf(b).ids().length;
        int pad = cb.tokens.padLeft()[b];
        float[] expected = new float[rollouts.get(b).tokens().length];
        for (int j = 0; j < expected.length; j++) {
          // The definition: completion token j sits at pad+promptLength+j, scored by column pad+promptLength+j−1.
          expected[j] = full[b * span + pad + promptLength + j - 1];
        }
        assertArrayEquals(expected, gathered[b], "rollout " + b);
      }
      // scatter places values where gather reads them, zeros elsewhere.
      float[][] values = {{1, 2, 3, 4, 5}, {6}, {7, 8, 9, 10, 11, 12, 13, 14}, {15, 16}};
      float[][] roundTrip = cb.gather(cb.scatter(m, values, 0));
      for (int b = 0; b < 4; b++) {
        assertArrayEquals(values[b], roundTrip[b]);
      }
      assertEquals(136f, cb.scatter(m, values, 0).sum().getFloat());
    }
  }

  @Test
  void sftLossOnTheTrailingColumnsEqualsTheLossOverTheWholeSequence() {
    Random random = new Random(3);
    List<long[]> seqs = sequences(random, new int[] {10, 6, 13});
    List<SftExample> examples = new ArrayList<>();
    long stepTokens = 0;
    for (long[] s : seqs) {
      boolean[] target = new boolean[s.length];
      for (int t = s.length / 2; t < s.length - 1; t++) { // a trailing token outside the targets, like "\n"
        target[t] = true;
        stepTokens++;
      }
      examples.add(new SftExample(s, target, List.of()));
    }
    TokenBatch batch = TokenBatch.leftPadded(seqs, 0);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = batch.idsArray(m);
      NDArray logits = logits(m, batch.rows(), batch.length(), 3);
      float[] full = TokenLogProbs.of(logits, ids).toFloatArray();
      int span = batch.length() - 1;
      double expected = 0;
      for (int b = 0; b < batch.rows(); b++) {
        boolean[] target = examples.get(b).target();
        for (int t = 0; t < target.length; t++) {
          if (target[t]) {
            expected -= full[b * span + batch.padLeft()[b] + t - 1] / (double) stepTokens;
          }
        }
      }
      float loss = SftLoss.compute(logits, ids, batch, examples, stepTokens).getFloat();
      assertEquals(expected, loss, 1e-5 * Math.abs(expected));
    }
  }
}
