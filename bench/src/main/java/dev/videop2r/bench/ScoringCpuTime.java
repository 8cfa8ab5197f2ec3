package dev.videop2r.bench;

import dev.videop2r.data.ProblemType;
import dev.videop2r.reward.ScoringMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Companion to the JMH benchmarks for a shared machine: the thread CPU time one scoring takes, per problem type
 * and mode, which contention from other processes barely changes (JMH's wall-clock throughput does). Prints
 * completions per CPU-second and the CPU-seconds the RL-sized mixed set needs, and that divided over 2 cores.
 * Run: {@code java -cp <bench classpath> dev.videop2r.bench.ScoringCpuTime}.
 */
public final class ScoringCpuTime {

  private static final int ITEMS = 2000;
  private static final int WARMUP_ROUNDS = 30;
  private static final int ROUNDS = 20;

  private ScoringCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long rlTotal = 0;
    for (int count : SyntheticCompletions.RL_SET_COUNTS) {
      rlTotal += count;
    }
    for (ScoringMode mode : ScoringMode.values()) {
      CompletionScorer scorer = new CompletionScorer(mode);
      double mixedCpuSeconds = 0;
      ProblemType[] types = ProblemType.values();
      for (int t = 0; t < types.length; t++) {
        List<SyntheticCompletions.Item> items = new SyntheticCompletions(42).ofType(types[t], ITEMS);
        double sink = 0;
        for (int r = 0; r < WARMUP_ROUNDS; r++) {
          sink += scoreAll(scorer, items);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int r = 0; r < ROUNDS; r++) {
          sink += scoreAll(scorer, items);
        }
        double secondsEach = (threads.getCurrentThreadCpuTime() - start) / 1e9 / ((double) ITEMS * ROUNDS);
        mixedCpuSeconds += secondsEach * SyntheticCompletions.RL_SET_COUNTS[t];
        System.out.printf(Locale.ROOT, "%-9s %-16s %10.0f completions/CPU-s  (%.2f µs each; checksum %.1f)%n",
            mode.wireName(), types[t].wireName(), 1 / secondsEach, secondsEach * 1e6, sink);
      }
      System.out.printf(Locale.ROOT, "%-9s RL set (%d, Video-R1-260k mix): %.2f CPU-s, %.2f s on 2 cores%n",
          mode.wireName(), rlTotal, mixedCpuSeconds, mixedCpuSeconds / 2);
    }
  }

  private static double scoreAll(CompletionScorer scorer, List<SyntheticCompletions.Item> items) {
    double sum = 0;
    for (SyntheticCompletions.Item item : items) {
      sum += scorer.score(item);
    }
    return sum;
  }
}
