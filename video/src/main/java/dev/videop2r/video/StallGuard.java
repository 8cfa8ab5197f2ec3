package dev.videop2r.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a decode on a daemon worker and gives up after a deadline. FFmpeg can block inside a read (a pipe that
 * never delivers, a dead network mount) where no Java interrupt reaches it; the caller gets a {@link
 * MediaException} with reason TIMEOUT on time, and the abandoned worker finishes (and closes its decoder) when the
 * read returns.
 */
final class StallGuard {

  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "videop2r-decode");
    t.setDaemon(true);
    return t;
  });

  private final Duration timeout;

  StallGuard(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("decode timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  <T> T run(Path file, Callable<T> work) {
    Future<T> future = WORKERS.submit(work);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new MediaException(file, MediaException.Reason.TIMEOUT, "no result after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
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
