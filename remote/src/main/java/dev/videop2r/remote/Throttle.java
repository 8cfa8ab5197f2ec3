package dev.videop2r.remote;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Limits calls to one endpoint: at most {@code concurrency} in flight, and request starts spaced so that no more
 * than {@code requestsPerMinute} begin in any minute (evenly spaced slots, so there are no bursts at the minute
 * boundary). A limit of 0 means unlimited.
 */
public final class Throttle {

  private final Semaphore inFlight;
  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  public Throttle(int concurrency, int requestsPerMinute) {
    if (concurrency < 0 || requestsPerMinute < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    this.inFlight = concurrency == 0 ? null : new Semaphore(concurrency, true);
    this.intervalNanos = requestsPerMinute == 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / requestsPerMinute;
  }

  /** Waits for a slot; pair with {@link #release()}. */
  public void acquire() throws InterruptedException {
    if (inFlight != null) {
      inFlight.acquire();
    }
    if (intervalNanos > 0) {
      long slot;
      synchronized (this) {
        long now = System.nanoTime();
        slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
      }
      long wait = slot - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          release();
          throw e;
        }
      }
    }
  }

  public void release() {
    if (inFlight != null) {
      inFlight.release();
    }
  }
}
