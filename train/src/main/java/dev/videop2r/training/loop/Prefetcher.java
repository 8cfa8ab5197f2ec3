package dev.videop2r.training.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Loads the next step's items (clips decoded, conversations tokenised) on one background thread while the
 * current step computes. The trainers run libtorch on one thread, so on a 2-core machine the second core was idle
 * while loading took 17–29 % of an SFT or caption step (docs/benchmarks.md § Quickstart).
 *
 * <p>What a step trains on stays the caller's choice: {@link #take} returns exactly the items of the indices it
 * is given, and uses the background result only when it was started for the same indices. So a prefetch never
 * changes the data or its order, and the caller's data cursor (what a checkpoint records) advances only for the
 * steps taken. Every load runs on the one worker thread, in submission order, so a loader needs no thread safety;
 * a loader's exception reaches the step that takes the item, unchanged.
 */
public final class Prefetcher<T> implements AutoCloseable {
  private static final int[] NOTHING = new int[0];

  private final IntFunction<T> loader;
  private final ExecutorService worker;
  private int[] aheadIndices = NOTHING;
  private Future<List<T>> ahead;

  /** @param loader loads item {@code index}; called on the worker thread only */
  public Prefetcher(String threadName, IntFunction<T> loader) {
    this.loader = loader;
    this.worker = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The step's {@code count} items in {@code order}'s sequence (advancing it), then starts loading the step after
   * them (peeked, the cursor stays) unless this one is the {@code last}.
   */
  public List<T> nextStep(DataOrder order, int count, boolean last) {
    int[] indices = order.next(count);
    return take(indices, last ? NOTHING : order.peek(count));
  }

  /**
   * The items at {@code indices}, in that order; then starts loading {@code next} in the background (an empty
   * array starts nothing: the last step).
   */
  public List<T> take(int[] indices, int[] next) {
    Future<List<T>> now;
    if (ahead != null && Arrays.equals(indices, aheadIndices)) {
      now = ahead;
    } else {
      if (ahead != null) {
        ahead.cancel(false);
      }
      now = submit(indices);
    }
    ahead = next.length == 0 ? null : submit(next);
    aheadIndices = next.clone();
    return await(now);
  }

  private Future<List<T>> submit(int[] indices) {
    int[] own = indices.clone();
    return worker.submit(() -> {
      List<T> items = new ArrayList<>(own.length);
      for (int index : own) {
        items.add(loader.apply(index));
      }
      return items;
    });
  }

  private static <T> List<T> await(Future<List<T>> items) {
    try {
      return items.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading a step's data", e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
