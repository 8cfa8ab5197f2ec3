package dev.videop2r.remote;

import java.io.IOException;
import java.time.Duration;

/**
 * A failed model call, classified for retrying: rate limits (429), server errors (5xx), timeouts, broken
 * connections and unreadable replies are retryable; other client errors (400, 401, 403, 404, 422) are not.
 */
public class RemoteCallException extends IOException {

  /** Status code for failures without an HTTP status (timeouts, connection errors, unreadable bodies). */
  public static final int NO_STATUS = -1;

  private final int status;
  private final boolean retryable;
  private final Duration retryAfter;

  /** The message is redacted and cut ({@link Redaction}): a server's error body may echo the credentials. */
  public RemoteCallException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
    super(Redaction.clean(message), cause);
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status, or {@link #NO_STATUS}. */
  public int status() {
    return status;
  }

  /** The endpoint rejected the credentials (401 or 403): retrying or going on with other samples cannot help. */
  public boolean rejectsCredentials() {
    return status == 401 || status == 403;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The server's Retry-After hint, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** An HTTP error status from {@code endpoint}; retryable per {@link #retryableStatus}. */
  public static RemoteCallException http(String endpoint, int status, String message, String retryAfterHeader,
      Throwable cause) {
    return new RemoteCallException(endpoint + ": HTTP " + status + ": " + message, status, retryableStatus(status),
        parseRetryAfter(retryAfterHeader), cause);
  }

  /** A timeout or broken connection (retryable). */
  public static RemoteCallException io(String endpoint, Throwable cause) {
    return new RemoteCallException(endpoint + ": I/O error or timeout: " + cause.getMessage(), NO_STATUS, true, null,
        cause);
  }

  /** A reply that could not be read: malformed JSON, no choices, no text (retryable: usually transient). */
  public static RemoteCallException unreadable(String endpoint, String what, Throwable cause) {
    return new RemoteCallException(endpoint + ": unreadable reply: " + what, NO_STATUS, true, null, cause);
  }

  /** Whether an HTTP status is worth retrying. */
  public static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** Parses a Retry-After header given in seconds; null when absent or not a number of seconds. */
  public static Duration parseRetryAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      double s = Double.parseDouble(value.strip());
      return s >= 0 ? Duration.ofMillis((long) (s * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
