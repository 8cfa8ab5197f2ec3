package dev.videop2r.serve.rollout;

import dev.videop2r.spec.InvalidFieldException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI-compatible servers rollouts are spread over, in rotation. A server that fails
 * {@code dropAfter} times in a row (connection refused, timeouts, 5xx) is dropped from the rotation with a warning;
 * when none is left, calls fail with a message naming every server.
 */
public final class RolloutServers {
  /** One server: its API root ({@code http://host:port/v1}) and its consecutive failures. */
  private static final class Server {
    final String baseUrl;
    final AtomicInteger failures = new AtomicInteger();
    volatile boolean dropped;

    Server(String baseUrl) {
      this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
  }

  private final List<Server> servers = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http;
  private final String apiKey;
  private final Duration timeout;
  private final int dropAfter;
  private final PrintStream log;

  /**
   * @param apiKey bearer key (read from the environment by the caller), or null
   * @param dropAfter consecutive failures after which a server leaves the rotation
   */
  public RolloutServers(List<String> baseUrls, String apiKey, Duration timeout, int dropAfter, PrintStream log) {
    if (baseUrls.isEmpty()) {
      throw new InvalidFieldException("baseUrls", "needs at least one URL");
    }
    for (String url : baseUrls) {
      URI uri = URI.create(url.strip());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new InvalidFieldException("baseUrls", "'" + url + "' is not an http(s) URL");
      }
      servers.add(new Server(url.strip()));
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
    this.timeout = timeout;
    this.dropAfter = dropAfter;
    this.log = log;
  }

  /** The next server in rotation that is still in use. */
  String pick() {
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
      if (!s.dropped) {
        return s.baseUrl;
      }
    }
    throw new IllegalStateException("no rollout server is left: every one of " + all() + " failed "
        + dropAfter + " times in a row");
  }

  /** The servers still in rotation. */
  public List<String> live() {
    return servers.stream().filter(s -> !s.dropped).map(s -> s.baseUrl).toList();
  }

  String all() {
    return servers.stream().map(s -> s.baseUrl).toList().toString();
  }

  /** POSTs JSON to {@code baseUrl + route}; the status and body come back whatever they are. */
  HttpResponse<String> post(String baseUrl, String route, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + route)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  void succeeded(String baseUrl) {
    find(baseUrl).failures.set(0);
  }

  /** Counts a failure; the server leaves the rotation after {@code dropAfter} in a row. */
  void failed(String baseUrl, String why) {
    Server s = find(baseUrl);
    if (s.failures.incrementAndGet() >= dropAfter && !s.dropped) {
      drop(baseUrl, s.failures.get() + " failures in a row, the last: " + why);
    }
  }

  /** Takes a server out of the rotation at once (e.g. it could not load the new weights). */
  void drop(String baseUrl, String why) {
    Server s = find(baseUrl);
    if (!s.dropped) {
      s.dropped = true;
      log.println("rl: warning: rollout server " + baseUrl + " dropped from the rotation (" + why + "); "
          + live().size() + " left");
    }
  }

  private Server find(String baseUrl) {
    return servers.stream().filter(s -> s.baseUrl.equals(baseUrl)).findFirst().orElseThrow();
  }
}
