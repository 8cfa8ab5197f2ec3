package dev.videop2r.training;

import java.io.PrintStream;

/**
 * One status line on stderr, redrawn in place: {@code [####....] 12/100 loss 0.53 1.2k tok/s ETA 3m04s}.
 * Rate and ETA use the wall time since this bar started (so a resumed run measures only its own steps).
 */
public final class ProgressBar {
  private static final int WIDTH = 24;
  private final PrintStream err;
  private final int total;
  private final int firstStep;
  private final long startNanos = System.nanoTime();
  private long tokensSinceStart;

  public ProgressBar(PrintStream err, int firstStep, int total) {
    this.err = err;
    this.firstStep = firstStep;
    this.total = total;
  }

  public void update(int step, long stepTokens, String detail) {
    tokensSinceStart += stepTokens;
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    int done = step - firstStep;
    double eta = done == 0 ? 0 : seconds / done * (total - step);
    int filled = (int) Math.round(WIDTH * step / (double) Math.max(1, total));
    String bar = "#".repeat(Math.min(WIDTH, filled)) + ".".repeat(Math.max(0, WIDTH - filled));
    err.printf("\r[%s] %d/%d %s %s tok/s ETA %s ", bar, step, total, detail,
        human(tokensSinceStart / seconds), duration(eta));
    if (step == total) {
      err.println();
    }
    err.flush();
  }

  static String human(double v) {
    if (v >= 1e6) {
      return String.format("%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format("%.1fk", v / 1e3);
    }
    return String.format("%.0f", v);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dm%02ds", s / 60, s % 60);
  }
}
