package dev.videop2r.report;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * The one progress line of the tool (CoT pipeline, trainers, evaluation):
 * {@code label [####....] 12/40 1.5k tok/s ETA 03:04 | loss 0.53}. On a terminal it is redrawn in place (at most
 * five times a second); in a log file a whole line is printed at most every {@code logEverySeconds}. The first
 * update and the last ({@code done == total}) always draw, and the last ends the line. Rate and ETA use the time
 * since this line started and only the work done since then, so a resumed run measures only its own progress.
 * Thread-safe: concurrent workers may report to one line.
 */
public final class ProgressLine {
  private static final long TERMINAL_REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final String label;
  private final String unit;
  private final long alreadyDone;
  private final boolean terminal;
  private final long redrawNanos;
  private final LongSupplier nanoClock;
  private final long start;
  private long lastDraw;
  private boolean reported;
  private boolean drawn;
  private boolean ended;
  private int lastLength;
  private long done;
  private long total;
  private long counted;
  private String detail = "";

  /**
   * @param label what the line is about, or empty
   * @param alreadyDone work an earlier run finished (shown as done, left out of rate and ETA)
   * @param unit what the rate counts ({@code samples}, {@code tok})
   * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fixed clock in tests)
   */
  public ProgressLine(PrintWriter out, String label, long alreadyDone, String unit, boolean terminal,
      int logEverySeconds, LongSupplier nanoClock) {
    this.out = out;
    this.label = label;
    this.unit = unit;
    this.alreadyDone = alreadyDone;
    this.terminal = terminal;
    this.redrawNanos = terminal ? TERMINAL_REDRAW_NANOS : logEverySeconds * 1_000_000_000L;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /** A line on the wall clock that prints to a log file every ten seconds. */
  public static ProgressLine of(PrintWriter out, String label, long alreadyDone, String unit, boolean terminal) {
    return new ProgressLine(out, label, alreadyDone, unit, terminal, 10, System::nanoTime);
  }

  /**
   * Reports {@code done} of {@code total} (both including {@link #alreadyDone}), {@code counted} units of the rate
   * since this line started (0: no rate shown), and a detail shown last; draws when due.
   */
  public synchronized void update(long done, long total, long counted, String detail) {
    this.done = done;
    this.total = total;
    this.counted = counted;
    this.detail = detail;
    reported = true;
    redraw();
  }

  /** Draws the last reported state if a redraw is due (for a ticker that keeps the ETA moving). */
  public synchronized void redraw() {
    long now = nanoClock.getAsLong();
    boolean end = done >= total;
    if (!reported || ended || drawn && !end && now - lastDraw < redrawNanos) {
      return;
    }
    draw(now, end);
  }

  /** Draws the final state and ends the line, unless the last update already did (or none came). */
  public synchronized void finish() {
    if (reported && !ended) {
      draw(nanoClock.getAsLong(), true);
    }
  }

  /** The line for the last reported state, without control characters. */
  public synchronized String line() {
    double seconds = (nanoClock.getAsLong() - start) / 1e9;
    long doneHere = done - alreadyDone;
    double perSecond = seconds > 0 ? doneHere / seconds : 0;
    StringBuilder b = new StringBuilder();
    if (!label.isEmpty()) {
      b.append(label).append(' ');
    }
    b.append(Progress.bar(done, total));
    if (counted > 0 && seconds > 0) {
      b.append(' ').append(Progress.rate(counted / seconds)).append(' ').append(unit).append("/s");
    }
    b.append(" ETA ").append(Progress.clock(Progress.eta(total - done, perSecond)));
    if (!detail.isEmpty()) {
      b.append(" | ").append(detail);
    }
    return b.toString();
  }

  private void draw(long now, boolean end) {
    String line = line();
    if (terminal) {
      // Blanks over the tail of a longer previous line.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      if (end) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
    lastLength = line.length();
    lastDraw = now;
    drawn = true;
    ended = end;
  }
}
