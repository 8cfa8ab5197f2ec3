package dev.videop2r.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** An OpenAI-compatible chat endpoint on loopback that answers with a function of the user text. */
final class FakeChatServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final List<String> prompts = Collections.synchronizedList(new ArrayList<>());
  /** The number of frames in the one video part of each request, in order (0 without one). */
  final List<Integer> videoFrameCounts = Collections.synchronizedList(new ArrayList<>());
  /** The number of image parts of each request, in order. */
  final List<Integer> imageCounts = Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  /** The most requests that were being answered at once. */
  final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

  FakeChatServer(Function<String, String> reply) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", exchange -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String text = userText(request);
      prompts.add(text);
      imageCounts.add(request.findValues("image_url").size());
      List<JsonNode> videos = request.findValues("video_url");
      videoFrameCounts.add(videos.isEmpty() ? 0 : videos.get(0).get("url").asText().split(",").length - 1);
      ObjectNode body = JSON.createObjectNode()
          .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0).put("model", "fake");
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", reply.apply(text));
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
      inFlight.decrementAndGet();
    });
    server.start();
  }

  private static String userText(JsonNode request) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : request.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        text.append(content.asText());
      } else {
        for (JsonNode part : content) {
          text.append(part.path("text").asText(""));
        }
      }
    }
    return text.toString();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
