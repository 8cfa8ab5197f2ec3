package dev.videop2r.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server speaking just enough of the OpenAI chat-completions ({@code POST /v1/chat/completions})
 * and Anthropic Messages ({@code POST /v1/messages}) protocols to exercise the clients: scripted replies
 * (status, body, latency, headers) are served in order, then a {@link Responder} answers. Used by the tests and
 * the pipeline benchmark; it binds to 127.0.0.1 only.
 */
public final class ScriptedChatServer implements AutoCloseable {

  // testkit depends on no project module (core's own tests use it), hence its own mapper.
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One HTTP reply. */
  public record Reply(int status, String body, Duration delay, Map<String, String> headers) {
    public static Reply ok(String body) {
      return new Reply(200, body, Duration.ZERO, Map.of());
    }

    public static Reply status(int status, String body) {
      return new Reply(status, body, Duration.ZERO, Map.of());
    }

    public Reply after(Duration latency) {
      return new Reply(status, body, latency, headers);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, delay, h);
    }
  }

  /** Answers requests once the script is used up. */
  @FunctionalInterface
  public interface Responder {
    Reply reply(String path, JsonNode request);
  }

  /** A request as received. */
  public record Received(String path, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Responder responder;
  private volatile boolean record = true;

  private ScriptedChatServer(Responder responder) throws IOException {
    this.responder = responder;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.createContext("/v1/messages", this::handle);
    server.start();
  }

  /** Starts a server on a free loopback port. */
  public static ScriptedChatServer start(Responder responder) throws IOException {
    return new ScriptedChatServer(responder);
  }

  /** Queues replies served before the responder is asked. */
  public ScriptedChatServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Stops keeping request bodies (for long benchmark runs). */
  public void stopRecording() {
    record = false;
  }

  /** Base URL for the OpenAI SDK ({@code http://127.0.0.1:PORT/v1}). */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Base URL for the Anthropic SDK ({@code http://127.0.0.1:PORT}). */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The most requests that were being answered at one time. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    boolean counted = true;
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body;
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = JSON.createObjectNode().put("unparseable", new String(raw, StandardCharsets.UTF_8));
      }
      String path = exchange.getRequestURI().getPath();
      if (record) {
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
      }
      Reply reply = script.poll();
      if (reply == null) {
        reply = responder.reply(path, body);
      }
      if (!reply.delay().isZero()) {
        Thread.sleep(reply.delay());
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      // Leave the count before the client can read the answer: its next request, sent the moment this one
      // returns, would otherwise be counted beside this one (a client holding 3 permits showed 4 in flight).
      inFlight.decrementAndGet();
      counted = false;
      exchange.sendResponseHeaders(reply.status(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (timeout) and closed the connection: nothing to answer
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  /** An OpenAI chat-completion body whose one choice says {@code text}. */
  public static String openAiCompletion(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 0).put("model", "scripted");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", text);
    root.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
    return root.toString();
  }

  /** An Anthropic Messages body with one text block. */
  public static String anthropicMessage(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "msg_test").put("type", "message").put("role", "assistant").put("model", "scripted");
    root.putArray("content").addObject().put("type", "text").put("text", text);
    root.put("stop_reason", "end_turn").putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
    return root.toString();
  }

  /** The text of the last user message of an OpenAI or Anthropic request body. */
  public static String userText(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    JsonNode content = last.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder s = new StringBuilder();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        s.append(part.path("text").asText());
      }
    }
    return s.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
