package dev.videop2r.bench;

import dev.videop2r.data.ProblemType;
import dev.videop2r.reward.ScoringMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Single-thread scoring throughput per problem type and mode; the score is completions per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ScoringBenchmark {

  static final int BATCH = 1000;

  @Param({"multiple choice", "numerical", "OCR", "free-form", "regression"})
  public String problemType;

  @Param({"VIDEO_R1", "CORRECTED"})
  public ScoringMode mode;

  private List<SyntheticCompletions.Item> items;
  private CompletionScorer scorer;

  @Setup
  public void setUp() {
    items = new SyntheticCompletions(42).ofType(ProblemType.parse(problemType), BATCH);
    scorer = new CompletionScorer(mode);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double scoreCompletions() {
    double sum = 0;
    for (SyntheticCompletions.Item item : items) {
      sum += scorer.score(item);
    }
    return sum;
  }
}
