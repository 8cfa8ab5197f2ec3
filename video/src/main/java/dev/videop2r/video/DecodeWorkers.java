package dev.videop2r.video;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads decodes run on, bounded: at most {@code size} decodes at once, and a decode abandoned after a
 * stall keeps its worker until FFmpeg returns, so stalled files cannot pile up threads and decoders without
 * limit. When every worker is held, a new decode waits for one until its own deadline and then fails with
 * TIMEOUT, saying so.
 */
final class DecodeWorkers {
  /** Shared by every reader in the process. */
  static final DecodeWorkers SHARED = new DecodeWorkers(Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

  private final int size;
  private final Semaphore slots;
  private final ThreadPoolExecutor pool;

  DecodeWorkers(int size) {
    this.size = size;
    this.slots = new Semaphore(size);
    this.pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "videop2r-decode");
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Starts {@code work} once a worker is free, waiting at most {@code waitNanos}. */
  <T> Future<T> submit(Path file, Callable<T> work, long waitNanos) throws InterruptedException {
    if (!slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
      throw new MediaException(file, MediaException.Reason.TIMEOUT, "all " + size
          + " decode workers are busy (earlier decodes are stalled or slow); none was free in time");
    }
    try {
      return pool.submit(() -> {
        try {
          return work.call();
        } finally {
          slots.release();
        }
      });
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Threads alive now (for tests). */
  int threads() {
    return pool.getPoolSize();
  }
}
