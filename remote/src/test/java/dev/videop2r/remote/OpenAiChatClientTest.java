package dev.videop2r.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.testkit.ScriptedChatServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.testkit.ScriptedChatServer.Reply;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {

  private static final String KEY = "sk-test-secret-4711";
  private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

  private ScriptedChatServer server;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedChatServer.start((path, body) -> Reply.ok(ScriptedChatServer.openAiCompletion("fallback")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ResilientChatClient client(Duration timeout, int concurrency, int rpm) {
    return new ResilientChatClient(new OpenAiChatClient(server.openAiBaseUrl(), "qwen-vl", KEY, timeout, 16), FAST,
        new Throttle(concurrency, rpm));
  }

  private ResilientChatClient client() {
    return client(Duration.ofSeconds(5), 0, 0);
  }

  @Test
  void sendsFramesAsImagePartsBeforeTheTextWithTheKeyAsBearer() throws Exception {
    server.enqueue(Reply.ok(ScriptedChatServer.openAiCompletion("<answer>A</answer>")));
    BufferedImage frame = new BufferedImage(8, 6, BufferedImage.TYPE_INT_ARGB);
    try (ResilientChatClient c = client()) {
      ChatReply reply = c.chat(new ChatRequest(null, "Which?", List.of(frame, frame), 0.0, null, 256));
      assertEquals("<answer>A</answer>", reply.text());
      assertEquals("stop", reply.finishReason());
      assertEquals("openai:qwen-vl", c.id());
    }
    ScriptedChatServer.Received r = server.received().get(0);
    assertEquals("/v1/chat/completions", r.path());
    assertEquals("Bearer " + KEY, r.header("Authorization"));
    JsonNode body = r.body();
    assertEquals("qwen-vl", body.get("model").asText());
    assertEquals(0.0, body.get("temperature").asDouble());
    assertEquals(256, body.get("max_tokens").asInt());
    JsonNode content = body.get("messages").get(0).get("content");
    assertEquals(3, content.size());
    assertEquals("image_url", content.get(0).get("type").asText());
    assertTrue(content.get(1).get("image_url").get("url").asText().startsWith("data:image/jpeg;base64,/9j/"));
    assertEquals("Which?", content.get(2).get("text").asText());
  }

  @Test
  void sendsTheFramesOfAVideoAsOneVideoPartWithTheirSamplingRate() throws Exception {
    server.enqueue(Reply.ok(ScriptedChatServer.openAiCompletion("<answer>B</answer>")));
    BufferedImage frame = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
    var frames = new dev.videop2r.data.SampledFrames(List.of(frame, frame, frame), new int[] {0, 5, 10}, 10.0, 2.0);
    try (ResilientChatClient c = client()) {
      assertEquals("<answer>B</answer>", c.chat(ChatRequest.of(null, "Which?", frames, 0.0, null, 64)).text());
    }
    JsonNode body = server.received().get(0).body();
    JsonNode content = body.get("messages").get(0).get("content");
    assertEquals(2, content.size());
    assertEquals("video_url", content.get(0).get("type").asText());
    String url = content.get(0).get("video_url").get("url").asText();
    assertTrue(url.startsWith("data:video/jpeg;base64,/9j/"), url);
    assertEquals(3, url.substring(url.indexOf(',') + 1).split(",").length);
    assertEquals("Which?", content.get(1).get("text").asText());
    assertEquals(2.0, body.get("mm_processor_kwargs").get("fps").asDouble());
  }

  @Test
  void retriesRateLimitsServerErrorsAndMalformedRepliesThenSucceeds() throws Exception {
    server.enqueue(
        Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", "0"),
        Reply.status(500, "{\"error\":{\"message\":\"boom\"}}"),
        Reply.ok("{\"choices\": [ {\"message\": "),
        Reply.status(503, "overloaded"),
        Reply.ok(ScriptedChatServer.openAiCompletion("finally")));
    try (ResilientChatClient c = new ResilientChatClient(
        new OpenAiChatClient(server.openAiBaseUrl(), "m", KEY, Duration.ofSeconds(5), 4),
        new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(20)), new Throttle(0, 0))) {
      assertEquals("finally", c.chat(ChatRequest.text(null, "hi", 0, 16)).text());
      assertEquals(4, c.retries());
    }
    assertEquals(5, server.received().size());
  }

  @Test
  void timeoutsAreRetried() throws Exception {
    server.enqueue(Reply.ok(ScriptedChatServer.openAiCompletion("too late")).after(Duration.ofSeconds(3)),
        Reply.ok(ScriptedChatServer.openAiCompletion("in time")));
    try (ResilientChatClient c = client(Duration.ofMillis(300), 0, 0)) {
      assertEquals("in time", c.chat(ChatRequest.text(null, "hi", 0, 16)).text());
      assertEquals(1, c.retries());
    }
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheStatusButNeverTheKey() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(Reply.status(502, "{\"error\":{\"message\":\"bad gateway\"}}"));
    }
    try (ResilientChatClient c = client()) {
      RemoteCallException e = assertThrows(RemoteCallException.class,
          () -> c.chat(ChatRequest.text(null, "hi", 0, 16)));
      assertEquals(502, e.status());
      assertTrue(e.getMessage().contains("HTTP 502") && e.getMessage().contains("after 4 attempts"), e.getMessage());
      assertFalse(e.getMessage().contains(KEY));
    }
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    server.enqueue(Reply.status(401, "{\"error\":{\"message\":\"bad key\"}}"));
    try (ResilientChatClient c = client()) {
      RemoteCallException e = assertThrows(RemoteCallException.class,
          () -> c.chat(ChatRequest.text(null, "hi", 0, 16)));
      assertEquals(401, e.status());
      assertEquals(0, c.retries());
    }
    assertEquals(1, server.received().size());
  }

  @Test
  void theConcurrencyLimitHoldsUnderLoad() throws Exception {
    server.close();
    server = ScriptedChatServer.start((path, body) ->
        Reply.ok(ScriptedChatServer.openAiCompletion("ok")).after(Duration.ofMillis(40)));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (ResilientChatClient c = client(Duration.ofSeconds(5), 3, 0)) {
      List<Future<ChatReply>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        futures.add(pool.submit(() -> c.chat(ChatRequest.text(null, "hi", 0, 16))));
      }
      for (Future<ChatReply> f : futures) {
        assertEquals("ok", f.get().text());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(24, server.received().size());
    assertTrue(server.maxInFlight() <= 3, "max in flight " + server.maxInFlight());
  }

  @Test
  void theRequestsPerMinuteLimitSpacesRequestStarts() throws Exception {
    // 1200/min = one start per 50 ms, so five requests cannot all start within 200 ms (a lower bound only).
    try (ResilientChatClient c = client(Duration.ofSeconds(5), 0, 1200)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        c.chat(ChatRequest.text(null, "hi", 0, 16));
      }
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(elapsedMs >= 195, "5 requests at 1200/min took only " + elapsedMs + " ms");
    }
  }
}
