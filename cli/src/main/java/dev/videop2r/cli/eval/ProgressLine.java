package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.ProgressListener;
import dev.videop2r.report.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Evaluation progress on stderr: label, bar, done/total, failures, rate, ETA. On a terminal it is redrawn in place
 * five times a second at most; otherwise (a log file) a whole line is printed every ten seconds and at the end.
 */
final class ProgressLine implements ProgressListener {

  private final PrintWriter err;
  private final String label;
  private final boolean terminal = System.console() != null;
  private final long redrawNanos = terminal ? 200_000_000L : 10_000_000_000L;
  private final long start = System.nanoTime();
  private long lastDraw = start - redrawNanos;

  ProgressLine(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public void update(int done, int total, int failed) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < redrawNanos) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String line = String.format(Locale.ROOT, "%s %s failed %d  %.2f items/s  ETA %s", label,
        Progress.bar(done, total), failed, rate, Progress.clock(Progress.eta(total - done, rate)));
    if (terminal) {
      err.print("\r" + line);
      if (done == total) {
        err.println();
      }
    } else {
      err.println(line);
    }
    err.flush();
  }
}
