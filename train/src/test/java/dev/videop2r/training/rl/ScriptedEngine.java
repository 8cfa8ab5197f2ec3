package dev.videop2r.training.rl;

import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.ToyData;
import dev.videop2r.training.ToyModel;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TokenLogProbs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout engine for tests: every prompt gets the same scripted completions, with π_old computed by a forward
 * of the current policy (what an exact embedded generator would report).
 */
public final class ScriptedEngine implements RolloutEngine {
  private final ToyModel policy;
  private final NDManager manager;
  private final List<long[]> completions;

  public ScriptedEngine(ToyModel policy, NDManager manager, List<long[]> completions) {
    this.policy = policy;
    this.manager = manager;
    this.completions = completions;
  }

  @Override
  public List<Rollout> generate(List<RolloutPrompt> prompts, int groupSize, Sampling sampling, long seed) {
    List<Rollout> out = new ArrayList<>();
    for (RolloutPrompt p : prompts) {
      for (int r = 0; r < groupSize; r++) {
        long[] c = completions.get(r);
        // Ids outside the toy vocabulary (scripted vision placeholders) get no log-prob of their own; only the
        // tokens before the first of them are scored, as the trainer cuts the rollout there.
        int valid = 0;
        while (valid < c.length && c[valid] < ToyData.VOCAB) {
          valid++;
        }
        float[] lp = java.util.Arrays.copyOf(logProbs(policy, manager, p.ids(), java.util.Arrays.copyOf(c, valid)),
            c.length);
        out.add(new Rollout(c, lp, true));
      }
    }
    return out;
  }

  /** log π(completion_j | prompt, completion_<j) under the model's current weights. */
  public static float[] logProbs(ToyModel model, NDManager manager, long[] prompt, long[] completion) {
    try (NDManager scope = manager.newSubManager()) {
      long[] seq = new long[prompt.length + completion.length];
      System.arraycopy(prompt, 0, seq, 0, prompt.length);
      System.arraycopy(completion, 0, seq, prompt.length, completion.length);
      TokenBatch b = TokenBatch.leftPadded(List.of(seq), ToyData.PAD);
      NDArray ids = b.idsArray(scope);
      float[] all = TokenLogProbs.of(model.forward(ids, b.maskArray(scope), List.of()), ids)
          .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      float[] out = new float[completion.length];
      System.arraycopy(all, prompt.length - 1, out, 0, completion.length);
      return out;
    }
  }
}
