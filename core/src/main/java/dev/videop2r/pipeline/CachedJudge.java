package dev.videop2r.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A judge that answers from a {@link JudgeCache} when it can and records what the wrapped judge says. Identical
 * queries in flight at once (in RL the G rollouts of a prompt often write the same observation) share one call:
 * the first caller asks the judge, the others wait for its answer.
 */
public final class CachedJudge implements Judge {

  private final Judge judge;
  private final JudgeCache cache;
  private final ConcurrentHashMap<String, CompletableFuture<Judgement>> pending = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public CachedJudge(Judge judge, JudgeCache cache) {
    this.judge = judge;
    this.cache = cache;
  }

  @Override
  public String id() {
    return judge.id();
  }

  @Override
  public java.util.Optional<String> cannotJudge(dev.videop2r.data.Sample sample) {
    return judge.cannotJudge(sample);
  }

  @Override
  public Judgement judge(JudgeQuery query) throws InterruptedException {
    String key = JudgeCache.key(judge.id(), query);
    var cached = cache.get(key);
    if (cached.isPresent()) {
      hits.incrementAndGet();
      return cached.get();
    }
    CompletableFuture<Judgement> mine = new CompletableFuture<>();
    CompletableFuture<Judgement> inFlight = pending.putIfAbsent(key, mine);
    if (inFlight != null) {
      hits.incrementAndGet();
      return await(inFlight, query);
    }
    try {
      misses.incrementAndGet();
      Judgement j = judge.judge(query);
      try {
        cache.put(key, j);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the judge cache: " + e.getMessage(), e);
      }
      mine.complete(j);
      return j;
    } catch (InterruptedException | RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      pending.remove(key, mine);
    }
  }

  /** The shared call's answer; when its caller was interrupted, this caller asks again itself. */
  private Judgement await(CompletableFuture<Judgement> inFlight, JudgeQuery query) throws InterruptedException {
    try {
      return inFlight.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException) {
        return judge(query);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }
}
