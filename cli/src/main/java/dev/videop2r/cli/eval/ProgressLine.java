package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** A progress bar on stderr, redrawn in place: bar, done/total, failures, rate, ETA. */
final class ProgressLine implements ProgressListener {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long start = System.nanoTime();
  private long lastDraw;

  ProgressLine(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public void update(int done, int total, int failed) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    String eta = rate > 0 ? clock((total - done) / rate) : "--:--";
    err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d failed %d  %.2f items/s  ETA %s",
        label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, failed, rate, eta);
    if (done == total) {
      err.println();
    }
    err.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
