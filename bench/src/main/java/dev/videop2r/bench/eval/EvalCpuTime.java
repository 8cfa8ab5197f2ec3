package dev.videop2r.bench.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Thread CPU time of {@link EvalScoringBenchmark}'s load-and-score of a full-size VSI-Bench run: on a shared,
 * oversubscribed machine CPU time is the figure contention barely moves (wall clock is JMH's job).
 */
public final class EvalCpuTime {

  private static final int WARMUP = 10;
  private static final int ROUNDS = 10;

  private EvalCpuTime() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String rules : new String[] {"video-r1", "official"}) {
      EvalScoringBenchmark bench = new EvalScoringBenchmark();
      bench.rules = rules;
      bench.setUp();
      try {
        for (int i = 0; i < WARMUP; i++) {
          bench.loadAndScoreVsiBench();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
          bench.loadAndScoreVsiBench();
        }
        double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / ROUNDS;
        System.out.printf(Locale.ROOT, "%-8s load + score 5,130 VSI-Bench items: %.1f CPU-ms%n", rules, ms);
      } finally {
        bench.tearDown();
      }
    }
  }
}
