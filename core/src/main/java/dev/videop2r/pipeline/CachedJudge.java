package dev.videop2r.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/** A judge that answers from a {@link JudgeCache} when it can and records what the wrapped judge says. */
public final class CachedJudge implements Judge {

  private final Judge judge;
  private final JudgeCache cache;
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
    misses.incrementAndGet();
    Judgement j = judge.judge(query);
    try {
      cache.put(key, j);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the judge cache: " + e.getMessage(), e);
    }
    return j;
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }
}
