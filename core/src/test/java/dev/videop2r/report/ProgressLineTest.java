package dev.videop2r.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one progress line, on a clock the test moves. */
class ProgressLineTest {
  private static final long MS = 1_000_000L;

  private final StringWriter sink = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000 * MS);

  private ProgressLine line(String label, long alreadyDone, String unit, boolean terminal) {
    return new ProgressLine(new PrintWriter(sink), label, alreadyDone, unit, terminal, 10, now::get);
  }

  @Test
  void rendersLabelBarRateEtaAndDetail() {
    ProgressLine line = line("mvbench", 0, "items", false);
    line.update(0, 40, 0, "failed 0");
    assertEquals("mvbench [........................] 0/40 ETA --:-- | failed 0", line.line());
    now.addAndGet(5_000 * MS);
    line.update(10, 40, 10, "failed 1");
    assertEquals("mvbench [######..................] 10/40 2.00 items/s ETA 00:15 | failed 1", line.line());
  }

  @Test
  void rateAndEtaCountOnlyThisRunsWorkAndNoUnitsShowNoRate() {
    ProgressLine resumed = line("", 90, "tok", false);
    now.addAndGet(10_000 * MS);
    resumed.update(95, 100, 3000, "loss 0.5");
    // 5 steps in 10 s leave 5 steps: 10 s; the 90 steps of the earlier run count as done, not as speed.
    assertEquals("[#######################.] 95/100 300 tok/s ETA 00:10 | loss 0.5", resumed.line());
    ProgressLine vision = line("", 0, "", false);
    now.addAndGet(10_000 * MS);
    vision.update(1, 2, 0, "loss 0.07");
    assertEquals("[############............] 1/2 ETA 00:10 | loss 0.07", vision.line());
  }

  @Test
  void onATerminalRedrawsInPlaceAtMostFiveTimesASecondAndEndsTheLineAtTheLast() {
    ProgressLine line = line("", 0, "tok", true);
    line.update(1, 3, 1500, "loss 0.125");
    now.addAndGet(100 * MS);
    line.update(2, 3, 3000, "loss 0.25"); // too soon after the first: not drawn
    now.addAndGet(100 * MS);
    line.update(2, 3, 3000, "loss 0.5");
    line.update(3, 3, 4500, "loss 1"); // the last always draws
    line.finish(); // already ended: nothing more
    String out = sink.toString();
    String[] draws = out.split("\r", -1);
    assertEquals(4, draws.length, out); // "" before the first \r, then three draws
    assertEquals("[########................] 1/3 ETA --:-- | loss 0.125", draws[1]);
    assertEquals("[################........] 2/3 15.0k tok/s ETA 00:00 | loss 0.5", draws[2]);
    assertEquals("[########################] 3/3 22.5k tok/s ETA 00:00 | loss 1" + " ".repeat(2)
        + System.lineSeparator(), draws[3], "blanks over the tail of the longer line before");
  }

  @Test
  void inALogFilePrintsWholeLinesNoMoreOftenThanAskedAndAlwaysTheFirstAndLast() {
    ProgressLine line = line("", 0, "samples", false);
    line.update(1, 4, 1, "");
    now.addAndGet(9_000 * MS);
    line.update(2, 4, 2, "");
    line.redraw();
    now.addAndGet(1_000 * MS);
    line.redraw(); // a ticker: ten seconds since the last line
    line.update(4, 4, 4, "");
    line.finish();
    String out = sink.toString();
    assertFalse(out.contains("\r"), out);
    assertEquals(String.join(System.lineSeparator(),
        "[######..................] 1/4 ETA --:--",
        "[############............] 2/4 0.20 samples/s ETA 00:10",
        "[########################] 4/4 0.40 samples/s ETA 00:00", ""), out);
  }

  @Test
  void finishDrawsTheLastStateWhenTheWorkStoppedShortAndNothingWhenNothingWasReported() {
    ProgressLine idle = line("", 0, "items", false);
    idle.finish();
    assertEquals("", sink.toString());
    ProgressLine stopped = line("", 0, "items", true);
    stopped.update(1, 4, 1, "");
    now.addAndGet(50 * MS);
    stopped.update(2, 4, 2, "");
    stopped.finish();
    assertEquals("\r[######..................] 1/4 ETA --:--\r[############............] 2/4 40.0 items/s ETA 00:00"
        + System.lineSeparator(), sink.toString());
  }
}
