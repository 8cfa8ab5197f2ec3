package dev.videop2r.training.loop;

import dev.videop2r.report.Progress;
import java.io.PrintStream;

/**
 * The trainers' status line on stderr: {@code [####....] 12/100 loss 0.53 1.2k tok/s ETA 03:04}. On a terminal it
 * is redrawn in place every step; otherwise (a log file) a whole line is printed at most every
 * {@code logEverySeconds}, and always for the last step. Rate and ETA use the wall time since this bar started, so
 * a resumed run measures only its own steps.
 */
public final class ProgressBar {
  private final PrintStream err;
  private final int total;
  private final int firstStep;
  private final boolean terminal;
  private final long logEveryNanos;
  private final long startNanos = System.nanoTime();
  private long lastLineNanos;
  private long tokensSinceStart;

  public ProgressBar(PrintStream err, int firstStep, int total) {
    this(err, firstStep, total, System.console() != null, 10);
  }

  public ProgressBar(PrintStream err, int firstStep, int total, boolean terminal, int logEverySeconds) {
    this.err = err;
    this.firstStep = firstStep;
    this.total = total;
    this.terminal = terminal;
    this.logEveryNanos = logEverySeconds * 1_000_000_000L;
    this.lastLineNanos = startNanos - logEveryNanos; // the first update always prints
  }

  public void update(int step, long stepTokens, String detail) {
    tokensSinceStart += stepTokens;
    long now = System.nanoTime();
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    int done = step - firstStep;
    double eta = done == 0 ? Double.NaN : seconds / done * (total - step);
    // A stage that counts no tokens (vision pretraining) shows no rate rather than "0 tok/s".
    String rate = tokensSinceStart == 0 ? "" : " " + Progress.rate(tokensSinceStart / seconds) + " tok/s";
    String line = Progress.bar(step, total) + " " + detail + rate + " ETA " + Progress.clock(eta);
    if (terminal) {
      err.print("\r" + line + " ");
      if (step == total) {
        err.println();
      }
    } else if (step == total || now - lastLineNanos >= logEveryNanos) {
      err.println(line);
      lastLineNanos = now;
    }
    err.flush();
  }
}
