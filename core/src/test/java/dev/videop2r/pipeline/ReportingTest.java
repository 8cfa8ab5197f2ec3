package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import java.io.PrintWriter;
import java.io.StringWriter;
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
  void progressLineShowsCountsRateAndEta() {
    StringWriter sink = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(sink), 10, 4, false, 3600);
    bar.finished(Fate.KEPT);
    bar.finished(Fate.DROPPED_JUDGE);
    String line = bar.line();
    assertTrue(line.startsWith("[##############..........] 6/10  60.0% "), line);
    assertTrue(line.contains(" samples/s ETA ") && line.endsWith("kept 1, dropped verify 0, dropped judge 1, errored 0"),
        line);
    bar.close();
    String printed = sink.toString();
    assertTrue(printed.endsWith("\n") && printed.contains("] 6/10  60.0% "), printed);
    assertEquals("01:05", dev.videop2r.report.Progress.clock(65));
    assertEquals("2:00:05", dev.videop2r.report.Progress.clock(7205));
  }
}
