package dev.videop2r.pipeline;

import dev.videop2r.report.ProgressLine;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pipeline's {@link ProgressLine}: samples done, samples/s, ETA and the fates so far. Workers report finished
 * samples from their threads; a ticker redraws the line between them so the ETA keeps moving while a slow sample
 * is out.
 */
public final class PipelineProgress implements AutoCloseable {
  private static final long TICK_MS = 250;

  private final ProgressLine line;
  private final long total;
  private final long alreadyDone;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLongArray fates = new AtomicLongArray(Fate.values().length);
  private final ScheduledExecutorService ticker;

  /**
   * @param total samples in the run
   * @param alreadyDone samples finished by an earlier run (counted as done, excluded from the rate)
   */
  public PipelineProgress(ProgressLine line, long total, long alreadyDone) {
    this.line = line;
    this.total = total;
    this.alreadyDone = alreadyDone;
    report();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(line::redraw, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** A line on stderr ({@code terminal}: redrawn in place) that a log file gets every {@code logEverySeconds}. */
  public static PipelineProgress on(PrintWriter out, long total, long alreadyDone, boolean terminal,
      int logEverySeconds) {
    return new PipelineProgress(new ProgressLine(out, "", alreadyDone, "samples", terminal, logEverySeconds,
        System::nanoTime), total, alreadyDone);
  }

  /** Counts one finished sample. */
  public void finished(Fate fate) {
    fates.incrementAndGet(fate.ordinal());
    done.incrementAndGet();
    report();
  }

  private void report() {
    // One lock orders the reads with the line's state, so a later count never draws before an earlier one.
    synchronized (line) {
      long d = done.get();
      line.update(alreadyDone + d, total, d, String.format("kept %d, dropped verify %d, dropped judge %d, errored %d",
          fates.get(Fate.KEPT.ordinal()), fates.get(Fate.DROPPED_VERIFY.ordinal()),
          fates.get(Fate.DROPPED_JUDGE.ordinal()), fates.get(Fate.ERRORED.ordinal())));
    }
  }

  /** The current line, without control characters. */
  public String line() {
    return line.line();
  }

  /** Stops redrawing and prints the final line. */
  @Override
  public void close() {
    ticker.shutdownNow();
    line.finish();
  }
}
