package dev.videop2r.bench;

import dev.videop2r.reward.ScoringMode;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The target: a mixed set the size of the RL set (263,071 completions, Video-R1-260k's type mix) scored on
 * two threads. The score is seconds per full pass. 26,307 distinct completions are generated and each is scored
 * ten times (and once more for the first one), which keeps the heap small without any caching in the scorer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class MixedSetBenchmark {

  static final int RL_SET_SIZE = 263_071;
  static final int DISTINCT = 26_307;

  @Param({"VIDEO_R1", "CORRECTED"})
  public ScoringMode mode;

  @Param({"2"})
  public int threads;

  private List<SyntheticCompletions.Item> items;
  private CompletionScorer scorer;
  private ForkJoinPool pool;

  @Setup
  public void setUp() {
    items = new SyntheticCompletions(7).mixed(DISTINCT);
    scorer = new CompletionScorer(mode);
    pool = new ForkJoinPool(threads);
  }

  @TearDown
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public double scoreRlSizedSet() throws Exception {
    return pool.submit(() -> IntStream.range(0, RL_SET_SIZE).parallel()
        .mapToDouble(i -> scorer.score(items.get(i % DISTINCT))).sum()).get();
  }
}
