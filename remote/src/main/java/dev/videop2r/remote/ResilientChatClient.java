package dev.videop2r.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a {@link ChatClient} with a {@link Throttle} and a {@link RetryPolicy}: retryable failures (429, 5xx,
 * timeouts, broken or unreadable replies) are retried after a jittered backoff; others fail at once. A waiting
 * retry does not hold a concurrency slot.
 */
public final class ResilientChatClient implements ChatClient {

  private final ChatClient delegate;
  private final RetryPolicy retry;
  private final Throttle throttle;
  private final AtomicLong retries = new AtomicLong();

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
      throttle.acquire();
      try {
        return delegate.chat(request);
      } catch (RemoteCallException e) {
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
