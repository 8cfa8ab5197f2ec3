package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCacheTest {

  @TempDir Path dir;

  /** A judge that counts calls and fails while {@code failing} is set. */
  static final class CountingJudge implements Judge {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean failing;

    @Override
    public String id() {
      return "counting";
    }

    @Override
    public Judgement judge(JudgeQuery q) {
      calls.incrementAndGet();
      if (failing) {
        return Judgement.noScore("down");
      }
      return q.observation().contains("enough") ? Judgement.sufficient("ok") : Judgement.insufficient("thin");
    }
  }

  @Test
  void scoredJudgementsAreReusedAcrossReopensAndFailuresAreNot() throws Exception {
    Path file = dir.resolve("cache.jsonl");
    CountingJudge inner = new CountingJudge();
    JudgeQuery a = new JudgeQuery("q", "A", "enough evidence", List.of());
    JudgeQuery b = new JudgeQuery("q", "A", "thin", List.of());
    JudgeQuery c = new JudgeQuery("q", "A", "later", List.of());
    try (JudgeCache cache = JudgeCache.open(file)) {
      CachedJudge judge = new CachedJudge(inner, cache);
      assertEquals(Judgement.Verdict.SUFFICIENT, judge.judge(a).verdict());
      assertEquals(Judgement.Verdict.INSUFFICIENT, judge.judge(b).verdict());
      judge.judge(a);
      inner.failing = true;
      assertEquals(Judgement.Verdict.NO_SCORE, judge.judge(c).verdict());
      assertEquals(3, inner.calls.get());
      assertEquals(1, judge.hits());
    }
    inner.failing = false;
    try (JudgeCache cache = JudgeCache.open(file)) {
      assertEquals(2, cache.size());
      CachedJudge judge = new CachedJudge(inner, cache);
      assertEquals("thin", judge.judge(b).reason());
      assertEquals(Judgement.Verdict.INSUFFICIENT, judge.judge(c).verdict()); // the failure was not cached
      assertEquals(4, inner.calls.get());
    }
  }

  @Test
  void keysSeparateJudgesAndFields() {
    JudgeQuery q = new JudgeQuery("ab", "c", "o", List.of("f"));
    assertNotEquals(JudgeCache.key("x", q), JudgeCache.key("y", q));
    assertNotEquals(JudgeCache.key("x", q), JudgeCache.key("x", new JudgeQuery("a", "bc", "o", List.of("f"))));
    assertNotEquals(JudgeCache.key("x", q), JudgeCache.key("x", new JudgeQuery("ab", "c", "o", List.of())));
    assertEquals(JudgeCache.key("x", q), JudgeCache.key("x", new JudgeQuery("ab", "c", "o", List.of("f"))));
  }

  @Test
  void identicalQueriesInFlightShareOneCall() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Judge slow = new Judge() {
      @Override
      public String id() {
        return "slow";
      }

      @Override
      public Judgement judge(JudgeQuery q) throws InterruptedException {
        calls.incrementAndGet();
        release.await();
        return Judgement.sufficient("ok");
      }
    };
    JudgeQuery q = new JudgeQuery("q", "A", "the same observation", List.of());
    try (JudgeCache cache = JudgeCache.open(dir.resolve("cache.jsonl"))) {
      CachedJudge judge = new CachedJudge(slow, cache);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<Judgement>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(pool.submit(() -> judge.judge(q)));
      }
      Thread.sleep(300); // let every caller reach the judge before the first answer comes back
      release.countDown();
      for (var a : answers) {
        assertEquals(Judgement.Verdict.SUFFICIENT, a.get().verdict());
      }
      pool.shutdown();
      assertEquals(1, calls.get(), "identical queries in flight each paid for a call");
    }
  }
}
