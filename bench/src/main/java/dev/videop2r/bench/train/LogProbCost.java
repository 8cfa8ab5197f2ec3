package dev.videop2r.bench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.training.loop.TokenLogProbs;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Training-thread CPU time of the trainers' token log-probabilities from given logits {@code [B, L, V]}: the
 * log-softmax over all L−1 shifted positions ({@link TokenLogProbs#of}, what the trainers did before) against
 * only the last {@code completion} positions ({@link TokenLogProbs#ofLast}, what they do now), without gradient
 * (reference pass) and with the backward into the logits (policy pass). The model forward is not included: it is
 * the same either way. libtorch runs on one thread, so the training thread's CPU time is the whole cost.
 * Run: {@code java -cp <bench classpath> dev.videop2r.bench.train.LogProbCost [B] [prompt] [completion] [V] [reps]}.
 */
public final class LogProbCost {
  private LogProbCost() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int prompt = args.length > 1 ? Integer.parseInt(args[1]) : 512;
    int completion = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 151_936;
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int length = prompt + completion;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.randomNormal(0, 3, new Shape(rows, length, vocab), DataType.FLOAT32);
      NDArray ids = m.randomInteger(0, vocab, new Shape(rows, length), DataType.INT64);
      System.out.printf(Locale.ROOT, "B=%d L=%d (prompt %d + completion %d) V=%d%n", rows, length, prompt,
          completion, vocab);
      for (boolean backward : new boolean[] {false, true}) {
        double full = median(reps, () -> run(m, logits, ids, length - 1, completion, backward));
        double last = median(reps, () -> run(m, logits, ids, completion, completion, backward));
        System.out.printf(Locale.ROOT, "%-22s all L-1 positions %.1f ms | last %d positions %.1f ms | %.1fx%n",
            backward ? "forward + backward:" : "forward (no grad):", full, completion, last, full / last);
      }
    }
  }

  /**
   * One log-prob computation over the last {@code count} positions, the loss on the last {@code lossColumns};
   * returns its thread CPU milliseconds.
   */
  private static double run(NDManager m, NDArray logits, NDArray ids, int count, int lossColumns,
      boolean backward) {
    var threads = ManagementFactory.getThreadMXBean();
    try (NDManager scope = m.newSubManager()) {
      NDArray input = logits.duplicate();
      input.attach(scope);
      long c0 = threads.getCurrentThreadCpuTime();
      if (backward) {
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray logp = TokenLogProbs.ofLast(input, ids, count);
          // Only the completion's columns carry loss, as in the policy pass.
          gc.backward(logp.get("..., -" + lossColumns + ":").sum());
        }
        input.getGradient().getFloat(0, 0, 0);
      } else {
        TokenLogProbs.ofLast(input, ids, count).getFloat(0, 0);
      }
      return (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
  }

  private static double median(int reps, java.util.function.DoubleSupplier run) {
    run.getAsDouble(); // warm-up
    double[] v = new double[reps];
    for (int r = 0; r < reps; r++) {
      v[r] = run.getAsDouble();
    }
    Arrays.sort(v);
    return v[reps / 2];
  }
}
