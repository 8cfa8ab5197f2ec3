package dev.videop2r.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(2));

  @Property(tries = 300)
  void backoffIsJitteredUnderAnExponentialCapAndNeverBelowRetryAfter(@ForAll @IntRange(min = 1, max = 12) int retry,
      @ForAll @IntRange(min = -1, max = 5000) int retryAfterMs) {
    Duration retryAfter = retryAfterMs < 0 ? null : Duration.ofMillis(retryAfterMs);
    long waitMs = policy.backoff(retry, retryAfter).toMillis();
    long cap = Math.min(2000, 100L << (retry - 1));
    long floor = retryAfter == null ? 0 : Math.min(retryAfterMs, 2000);
    assertTrue(waitMs >= floor, waitMs + " < floor " + floor);
    assertTrue(waitMs <= Math.max(cap, floor), waitMs + " > cap " + cap);
  }

  @Test
  void retryAfterHeadersInSecondsAreRead() {
    assertEquals(Duration.ofMillis(1500), RemoteCallException.parseRetryAfter("1.5"));
    assertNull(RemoteCallException.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertNull(RemoteCallException.parseRetryAfter(null));
    assertTrue(RemoteCallException.retryableStatus(429) && RemoteCallException.retryableStatus(529));
    assertTrue(!RemoteCallException.retryableStatus(400) && !RemoteCallException.retryableStatus(404));
  }
}
