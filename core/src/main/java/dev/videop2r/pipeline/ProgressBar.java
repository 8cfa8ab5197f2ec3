package dev.videop2r.pipeline;

import dev.videop2r.report.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A progress line on stderr: bar, done/total, rate and ETA, and the fates so far. On a terminal it redraws in
 * place four times a second; otherwise (a log file) it prints a full line every {@code logEverySeconds}.
 */
public final class ProgressBar implements AutoCloseable {

  private final PrintWriter out;
  private final long total;
  private final long alreadyDone;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLongArray fates = new AtomicLongArray(Fate.values().length);
  private final ScheduledExecutorService ticker;

  /**
   * @param total samples in the run
   * @param alreadyDone samples finished by an earlier run (counted as done, excluded from the rate)
   */
  public ProgressBar(PrintWriter out, long total, long alreadyDone, boolean terminal, int logEverySeconds) {
    this.out = out;
    this.total = total;
    this.alreadyDone = alreadyDone;
    this.terminal = terminal;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long periodMs = terminal ? 250 : logEverySeconds * 1000L;
    ticker.scheduleAtFixedRate(this::draw, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** Counts one finished sample. */
  public void finished(Fate fate) {
    fates.incrementAndGet(fate.ordinal());
    done.incrementAndGet();
  }

  /** The current line, without the carriage return. */
  public String line() {
    long d = done.get();
    long all = alreadyDone + d;
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = seconds > 0 ? d / seconds : 0;
    double fraction = total == 0 ? 1 : (double) all / total;
    return String.format(Locale.ROOT, "%s %5.1f%% %.1f samples/s ETA %s | kept %d, dropped verify %d,"
            + " dropped judge %d, errored %d",
        Progress.bar(all, total), 100 * fraction, rate, Progress.clock(Progress.eta(total - all, rate)),
        fates.get(Fate.KEPT.ordinal()), fates.get(Fate.DROPPED_VERIFY.ordinal()),
        fates.get(Fate.DROPPED_JUDGE.ordinal()), fates.get(Fate.ERRORED.ordinal()));
  }

  private void draw() {
    if (terminal) {
      out.print("\r" + line());
    } else {
      out.println(line());
    }
    out.flush();
  }

  /** Stops redrawing and prints the final line. */
  @Override
  public void close() {
    ticker.shutdownNow();
    out.print((terminal ? "\r" : "") + line() + "\n");
    out.flush();
  }
}
