package dev.videop2r.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import dev.videop2r.pipeline.RunAbortedException;
import dev.videop2r.spec.FieldMessage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a {@link ChatClient} with a {@link Throttle} and a {@link RetryPolicy}: retryable failures (429, 5xx,
 * timeouts, broken or unreadable replies) are retried after a jittered backoff; others fail at once. A waiting
 * retry does not hold a concurrency slot. After {@link #REJECTIONS_TO_STOP} calls in a row whose credentials were
 * rejected (401/403), every call throws {@link RunAbortedException}: a dead key stops the run instead of erroring
 * every sample of it.
 */
public final class ResilientChatClient implements ChatClient {

  private final ChatClient delegate;
  private final RetryPolicy retry;
  private final Throttle throttle;
  private final AtomicLong retries = new AtomicLong();
  private final AtomicInteger rejectedInARow = new AtomicInteger();
  private volatile FieldMessage rejection;

  /** Consecutive 401/403 answers that stop the run. */
  static final int REJECTIONS_TO_STOP = 3;

  public ResilientChatClient(ChatClient delegate, RetryPolicy retry, Throttle throttle) {
    this.delegate = delegate;
    this.retry = retry;
    this.throttle = throttle;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public ChatReply chat(ChatRequest request) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Duration retryAfter;
      if (rejection != null) {
        throw new RunAbortedException(rejection);
      }
      throttle.acquire();
      try {
        ChatReply reply = delegate.chat(request);
        rejectedInARow.set(0);
        return reply;
      } catch (RemoteCallException e) {
        if (e.rejectsCredentials() && rejectedInARow.incrementAndGet() >= REJECTIONS_TO_STOP) {
          String rejected = delegate.id() + " rejected the credentials " + REJECTIONS_TO_STOP + " times in a row"
              + " (HTTP " + e.status() + ")";
          String answer = e.getMessage();
          rejection = name -> rejected + "; check the API key's environment variable and the endpoint, then rerun"
              + " with " + name.apply("resume") + ". Last answer: " + answer;
          throw new RunAbortedException(rejection);
        }
        if (!e.rejectsCredentials()) {
          rejectedInARow.set(0);
        }
        if (!e.retryable() || attempt >= retry.maxAttempts()) {
          throw new RemoteCallException(e.getMessage() + (attempt > 1 ? " (after " + attempt + " attempts)" : ""),
              e.status(), false, null, e);
        }
        retryAfter = e.retryAfter();
      } finally {
        throttle.release();
      }
      retries.incrementAndGet();
      TimeUnit.NANOSECONDS.sleep(retry.backoff(attempt, retryAfter).toNanos());
    }
  }

  /** Retries made so far, across all calls (for logs and tests). */
  public long retries() {
    return retries.get();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
