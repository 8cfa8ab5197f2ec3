package dev.videop2r.remote;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry k (k = 1, 2, ...) wait a uniform random time in
 * {@code [0, min(maxBackoff, initialBackoff · 2^(k-1))]}, but at least the server's Retry-After when it sent one.
 * Full jitter spreads many clients' retries apart instead of letting them return in lockstep.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retries)
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the cap of any wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** Six attempts, waits capped at 1 s, 2 s, 4 s, 8 s, 16 s (at most 60 s each). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** The wait before retry number {@code retry} (1-based). */
  public Duration backoff(int retry, Duration retryAfter) {
    double cap = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * Math.pow(2, retry - 1));
    long jittered = (long) (ThreadLocalRandom.current().nextDouble() * cap);
    long floor = retryAfter == null ? 0 : Math.min(retryAfter.toNanos(), maxBackoff.toNanos());
    return Duration.ofNanos(Math.max(jittered, floor));
  }
}
