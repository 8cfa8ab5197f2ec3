package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.report.ProgressLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The run's human-facing output: the fate table and the progress line. */
class ReportingTest {

  private static SampleOutcome outcome(ProblemType type, Fate fate, Step step) {
    return new SampleOutcome(1, 1, type == null ? null : DataType.VIDEO, type, fate, step, null, "r", null);
  }

  @Test
  void fateTableCountsEachStepPerProblemType() {
    FateSummary s = new FateSummary();
    s.add(outcome(ProblemType.MULTIPLE_CHOICE, Fate.KEPT, Step.JUDGE));
    s.add(outcome(ProblemType.MULTIPLE_CHOICE, Fate.KEPT, Step.JUDGE));
    s.add(outcome(ProblemType.MULTIPLE_CHOICE, Fate.DROPPED_VERIFY, Step.VERIFY));
    s.add(outcome(ProblemType.OCR, Fate.DROPPED_JUDGE, Step.JUDGE));
    s.add(outcome(ProblemType.OCR, Fate.ERRORED, Step.JUDGE));
    s.add(outcome(ProblemType.OCR, Fate.ERRORED, Step.GENERATE));
    s.add(outcome(null, Fate.ERRORED, Step.READ));
    assertEquals("""
        | Problem type    | In | Errored (read/generate) | Dropped: verify | Dropped: judge | Errored (judge) | Kept | Kept % |
        |-----------------|---:|------------------------:|----------------:|---------------:|----------------:|-----:|-------:|
        | multiple choice |  3 |                       0 |               1 |              0 |               0 |    2 |   66.7 |
        | numerical       |  0 |                       0 |               0 |              0 |               0 |    0 |      – |
        | OCR             |  3 |                       1 |               0 |              1 |               1 |    0 |    0.0 |
        | free-form       |  0 |                       0 |               0 |              0 |               0 |    0 |      – |
        | regression      |  0 |                       0 |               0 |              0 |               0 |    0 |      – |
        | (unreadable)    |  1 |                       1 |               0 |              0 |               0 |    0 |    0.0 |
        | Total           |  7 |                       2 |               1 |              1 |               1 |    2 |   28.6 |
        """, s.render());
    assertEquals(3, s.count(Fate.ERRORED));
  }

  @Test
  void progressLineShowsCountsRateEtaAndFates() {
    StringWriter sink = new StringWriter();
    AtomicLong now = new AtomicLong();
    PipelineProgress bar = new PipelineProgress(
        new ProgressLine(new PrintWriter(sink), "", 4, "samples", false, 3600, now::get), 10, 4);
    bar.finished(Fate.KEPT);
    bar.finished(Fate.DROPPED_JUDGE);
    now.set(4_000_000_000L);
    assertEquals("[##############..........] 6/10 0.50 samples/s ETA 00:08 | kept 1, dropped verify 0,"
        + " dropped judge 1, errored 0", bar.line());
    bar.close();
    String[] printed = sink.toString().split("\n");
    assertEquals(2, printed.length, "the start (log files get a line at most hourly here) and the end");
    assertEquals("[##########..............] 4/10 ETA --:-- | kept 0, dropped verify 0, dropped judge 0, errored 0",
        printed[0]);
    assertEquals(bar.line(), printed[1]);
  }
}
