package dev.videop2r.serve;

import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.generate.TokenListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dynamic batching: one thread owns the model and runs one generation at a time over every waiting request that
 * shares the first one's decoding settings (each keeps its own seed, so a request samples as it would alone), up to
 * {@code maxBatchRows} completions. An idle server, once a request arrives, goes on collecting while others keep
 * arriving less than {@code batchWindowMillis} apart (at most 20 windows); a busy one batches whatever queued up
 * during the previous generation. At most
 * {@code queueCapacity} requests wait or run; the next is refused with 429.
 */
final class BatchScheduler implements AutoCloseable {
  /** The longest an idle server lingers for a batch, in batch windows. */
  private static final int MAX_WINDOWS = 20;

  private final Generator generator;
  private final java.util.function.Consumer<String> select;
  private final TopLogProbs topLogProbs;
  private final ServeLimits limits;
  private final LinkedBlockingQueue<GenerationJob> incoming = new LinkedBlockingQueue<>();
  /** Jobs taken from the queue but not yet batched (they did not match the settings of the batch before). */
  private final ArrayDeque<GenerationJob> waiting = new ArrayDeque<>();
  private final AtomicInteger pending = new AtomicInteger();
  /** Requests the server is still reading and parsing: an idle batcher waits for them. */
  private final AtomicInteger arriving = new AtomicInteger();
  /** Work that must not overlap a generation (a weight reload); run before the next batch. */
  private final LinkedBlockingQueue<Runnable> exclusive = new LinkedBlockingQueue<>();
  private final AtomicInteger batches = new AtomicInteger();
  private final Thread worker;
  private volatile boolean closed;

  /** @param select makes the model compute as the named model or adapter before a generation */
  BatchScheduler(Generator generator, java.util.function.Consumer<String> select, TopLogProbs topLogProbs,
      ServeLimits limits) {
    this.generator = generator;
    this.select = select;
    this.topLogProbs = topLogProbs;
    this.limits = limits;
    this.worker = Thread.ofPlatform().name("videop2r-serve-batcher").daemon().start(this::run);
  }

  /** Queues a job; its future completes when its batch has run. */
  void submit(GenerationJob job) {
    if (closed) {
      throw new ApiException(503, "server_error", null, "the server is shutting down");
    }
    if (pending.incrementAndGet() > limits.queueCapacity()) {
      pending.decrementAndGet();
      throw new ApiException(429, "rate_limit_error", null, "the server's queue is full (" + limits.queueCapacity()
          + " requests waiting or running); retry later");
    }
    incoming.add(job);
  }

  /** Runs {@code task} on the generating thread between two batches; the future completes with its result. */
  <T> CompletableFuture<T> exclusive(Callable<T> task) {
    CompletableFuture<T> done = new CompletableFuture<>();
    exclusive.add(() -> {
      try {
        done.complete(task.call());
      } catch (Exception | Error e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  /** A request started (+1) or finished (-1) being read and parsed before its submission. */
  void arriving(int delta) {
    arriving.addAndGet(delta);
  }

  /** Requests waiting or running now. */
  int pending() {
    return pending.get();
  }

  /** Generations run so far (a test sees requests share one). */
  int batches() {
    return batches.get();
  }

  private void run() {
    while (!closed) {
      try {
        for (Runnable task = exclusive.poll(); task != null; task = exclusive.poll()) {
          task.run();
        }
        GenerationJob first = waiting.isEmpty() ? incoming.poll(100, TimeUnit.MILLISECONDS) : waiting.pollFirst();
        if (first == null) {
          continue;
        }
        if (waiting.isEmpty()) {
          linger(first.n());
        }
        incoming.drainTo(waiting);
        List<GenerationJob> batch = batchWith(first);
        try {
          execute(batch);
        } finally {
          pending.addAndGet(-batch.size());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Collects arrivals while requests are still being read and parsed or keep coming less than a batch window apart,
   * until a batch is full or {@value #MAX_WINDOWS} windows passed: requests that clients send together reach the
   * queue spread over the time their bodies take to parse (frames to decode), and a fixed window would split them
   * into several generations.
   */
  private void linger(int rows) throws InterruptedException {
    long window = TimeUnit.MILLISECONDS.toNanos(limits.batchWindowMillis());
    long deadline = System.nanoTime() + MAX_WINDOWS * window;
    while (rows < limits.maxBatchRows()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      GenerationJob next = incoming.poll(Math.min(window, left), TimeUnit.NANOSECONDS);
      if (next != null) {
        waiting.add(next);
        rows += next.n();
      } else if (arriving.get() == 0) {
        return;
      }
    }
  }

  private List<GenerationJob> batchWith(GenerationJob first) {
    List<GenerationJob> batch = new ArrayList<>(List.of(first));
    int rows = first.n();
    GenerationJob.Key key = first.key();
    for (Iterator<GenerationJob> it = waiting.iterator(); it.hasNext(); ) {
      GenerationJob job = it.next();
      if (job.key().equals(key) && rows + job.n() <= limits.maxBatchRows()) {
        batch.add(job);
        rows += job.n();
        it.remove();
      }
    }
    return batch;
  }

  private void execute(List<GenerationJob> batch) {
    batches.incrementAndGet();
    List<GenerationPrompt> prompts = batch.stream().map(GenerationJob::prompt).toList();
    long[] seeds = batch.stream().mapToLong(j -> j.config().seed()).toArray();
    int n = batch.getFirst().n();
    TokenListener listener = (prompt, rollout, token, logProb) ->
        batch.get(prompt).tokens().onToken(0, rollout, token, logProb);
    try {
      select.accept(batch.getFirst().model());
      List<Completion> all = generator.generate(prompts, n, batch.getFirst().config(), listener, seeds);
      for (int p = 0; p < batch.size(); p++) {
        GenerationJob job = batch.get(p);
        List<GenerationJob.GeneratedChoice> choices = new ArrayList<>();
        for (Completion c : all.subList(p * n, (p + 1) * n)) {
          choices.add(job.topLogprobs() > 0 ? topLogProbs.of(job.prompt(), c, job.topLogprobs())
              : new GenerationJob.GeneratedChoice(c, null, null));
        }
        job.result().complete(choices);
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(j -> j.result().completeExceptionally(e));
    }
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ApiException gone = new ApiException(503, "server_error", null, "the server shut down");
    waiting.forEach(j -> j.result().completeExceptionally(gone));
    incoming.forEach(j -> j.result().completeExceptionally(gone));
  }
}
