package dev.videop2r.training.rl;

import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the perception judge on a step's observations concurrently and in the background (an LLM judge is
 * network-bound): the trainer submits the queries, computes the reference log-probs meanwhile, then collects the
 * verdicts. Caching is the judge's own business (wrap it in the pipeline's {@code CachedJudge}). A call that
 * throws becomes "no score" with the reason, never a 0.
 */
public final class PerceptionJudging implements AutoCloseable {
  /** Verdicts on their way. */
  public final class Pending {
    private final List<Future<Judgement>> futures;
    private final long submitted;
    private final AtomicLong lastDone;

    private Pending(List<Future<Judgement>> futures, long submitted, AtomicLong lastDone) {
      this.futures = futures;
      this.submitted = submitted;
      this.lastDone = lastDone;
    }

    /** Verdicts in query order; a null query (nothing to judge) gives a null verdict. */
    public List<Judgement> await() {
      List<Judgement> out = new ArrayList<>();
      for (Future<Judgement> f : futures) {
        out.add(f == null ? null : get(f));
      }
      return out;
    }

    /** Seconds from submission until the last verdict arrived (after {@link #await}); 0 when nothing was asked. */
    public double latencySeconds() {
      return Math.max(0, lastDone.get() - submitted) / 1e9;
    }
  }

  private final Judge judge;
  private final ExecutorService pool;

  /** @param judge may be null when no query will ever be non-null (the perception reward is ablated) */
  public PerceptionJudging(Judge judge, int concurrency) {
    if (concurrency < 1) {
      throw new InvalidFieldException("judge.concurrency", "must be >= 1, got " + concurrency);
    }
    this.judge = judge;
    this.pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "perception-judge");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts judging; a null query (nothing to judge) is skipped. */
  public Pending submit(List<JudgeQuery> queries) {
    long start = System.nanoTime();
    AtomicLong lastDone = new AtomicLong(start);
    List<Future<Judgement>> futures = new ArrayList<>();
    for (JudgeQuery q : queries) {
      if (q != null && judge == null) {
        throw new IllegalStateException("an observation needs judging but the run has no judge");
      }
      futures.add(q == null ? null : pool.submit(() -> {
        try {
          return judge.judge(q);
        } finally {
          lastDone.accumulateAndGet(System.nanoTime(), Math::max);
        }
      }));
    }
    return new Pending(futures, start, lastDone);
  }

  private static Judgement get(Future<Judgement> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the perception judge", e);
    } catch (ExecutionException e) {
      return Judgement.noScore("judge call failed: " + e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
