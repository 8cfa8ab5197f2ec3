package dev.videop2r.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a decode on a bounded pool of daemon workers ({@link DecodeWorkers}) and gives up after a deadline, which
 * covers waiting for a free worker too. FFmpeg can block inside a read (a pipe that never delivers, a dead network
 * mount) where no Java interrupt reaches it; the caller gets a {@link MediaException} with reason TIMEOUT on
 * time, and the abandoned worker finishes (and closes its decoder) when the read returns.
 */
final class StallGuard {

  private final Duration timeout;
  private final DecodeWorkers workers;

  StallGuard(Duration timeout) {
    this(timeout, DecodeWorkers.SHARED);
  }

  StallGuard(Duration timeout, DecodeWorkers workers) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("decode timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    this.workers = workers;
  }

  <T> T run(Path file, Callable<T> work) {
    // An abandoned decode is not cancelled: no interrupt reaches FFmpeg, and the worker must stay counted until
    // the decode really ends.
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      Future<T> future = workers.submit(file, work, timeout.toNanos());
      return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new MediaException(file, MediaException.Reason.TIMEOUT, "no result after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException(file, MediaException.Reason.TIMEOUT, "interrupted while decoding", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MediaException me) {
        throw me;
      }
      throw new MediaException(file, MediaException.Reason.UNREADABLE, String.valueOf(cause.getMessage()), cause);
    }
  }
}
