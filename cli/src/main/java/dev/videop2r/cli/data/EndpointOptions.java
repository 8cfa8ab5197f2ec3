package dev.videop2r.cli.data;

import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ResilientChatClient;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.remote.Throttle;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Limits shared by every remote endpoint a command talks to: timeouts, retries, request rate. */
public final class EndpointOptions {

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "Limit for one HTTP request, in seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--max-attempts", defaultValue = "6", paramLabel = "N",
      description = "Attempts per call, the first included; 429, 5xx, timeouts and unreadable replies are retried"
          + " with exponential backoff and full jitter (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--rpm", defaultValue = "0", paramLabel = "N",
      description = "Requests per minute per endpoint, 0 for no limit (default: ${DEFAULT-VALUE}).")
  int requestsPerMinute;

  public Duration timeout() {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be >= 1 second, got " + timeoutSeconds);
    }
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The retries of one call: --max-attempts with exponential backoff from 1 s up to 60 s. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** Wraps a protocol client with retries and this endpoint's concurrency and rate limits. */
  ChatClient resilient(ChatClient client, int concurrency) {
    return new ResilientChatClient(client, retryPolicy(), new Throttle(concurrency, requestsPerMinute));
  }

  /**
   * An endpoint URL as the journal records it: scheme, host, port and path; user info and query, which may carry
   * credentials, are left out.
   */
  static String journaled(String url) {
    try {
      URI u = new URI(url);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage(), e);
    }
  }

  /** Reads an API key from the environment; the key itself never appears in arguments or logs. */
  public static String key(String envName) {
    String v = System.getenv(envName);
    return v == null ? "" : v;
  }
}
