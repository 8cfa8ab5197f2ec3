package dev.videop2r.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.videop2r.testkit.ScriptedChatServer;
import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.JsonMutations;
import dev.videop2r.testkit.fuzz.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed chat replies (bodies cut short or garbled, fields of the wrong type, huge numbers, deep nesting, error
 * statuses with junk bodies) end in a {@link RemoteCallException} naming the endpoint, or in a reply with text
 * (docs/core.md, "Fuzzing"). The replies come from a loopback server that sends the bytes as they are.
 */
class ChatReplyFuzzTest {

  /** Mostly 200 (the body is what is tested), and the error statuses whose bodies the clients read too. */
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 400, 401, 429, 500, 503};

  @TempDir Path dir;
  private HttpServer server;
  private volatile byte[] body = new byte[0];
  private volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Retry-After", "1e999");
        byte[] out = body;
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void malformedOpenAiRepliesEndInAnErrorNamingTheEndpoint() throws Exception {
    JsonNode valid = JsonMutations.parse(ScriptedChatServer.openAiCompletion("<answer>A</answer>"));
    try (OpenAiChatClient client = new OpenAiChatClient(baseUrl() + "/v1", "fuzz-model", "sk-fuzz",
        Duration.ofSeconds(5), 2)) {
      fuzz("openai chat reply", 0x0A1L, valid, client, 250, List.of( // once NullPointerExceptions
          new ByteMutations.Damaged("body null", bytes("null")),
          new ByteMutations.Damaged("choices [null]", bytes(valid.deepCopy().<ObjectNode>require()
              .set("choices", JsonNodeFactory.instance.arrayNode().addNull()).toString()))));
    }
  }

  @Test
  void malformedAnthropicRepliesEndInAnErrorNamingTheEndpoint() throws Exception {
    JsonNode valid = JsonMutations.parse(ScriptedChatServer.anthropicMessage("<answer>A</answer>"));
    try (AnthropicChatClient client = AnthropicChatClient.direct(baseUrl(), "fuzz-judge", "sk-fuzz",
        Duration.ofSeconds(5), 2)) {
      fuzz("anthropic chat reply", 0xA7L, valid, client, 100, List.of( // once NullPointerExceptions
          new ByteMutations.Damaged("body null", bytes("null")),
          new ByteMutations.Damaged("content [null]", bytes(valid.deepCopy().<ObjectNode>require()
              .set("content", JsonNodeFactory.instance.arrayNode().addNull()).toString()))));
    }
  }

  /** Replays {@code regressions} (each must be refused), then fuzzes {@code count} replies. */
  private void fuzz(String name, long seed, JsonNode valid, ChatClient client, int count,
      List<ByteMutations.Damaged> regressions) throws Exception {
    byte[] validBytes = bytes(valid.toString());
    ChatRequest request = ChatRequest.text(null, "Which?", 0.0, 64);
    new FuzzRun(name, seed, Sandbox.under(dir), client.id()).run(regressions.size() + count,
        FuzzRun.replayThen(regressions, (Random random) -> random.nextBoolean() ? JsonMutations.damage(valid, random)
            : ByteMutations.damage(validBytes, random)),
        input -> {
          status = input.index() < regressions.size() ? 200 : STATUSES[input.index() % STATUSES.length];
          body = input.bytes();
          ChatReply reply = client.chat(request);
          if (input.index() < regressions.size()) {
            throw new AssertionError("accepted " + input.mutation() + ": " + reply);
          }
          if (reply.text() == null || reply.finishReason() == null) {
            throw new AssertionError("a reply with a null field: " + reply);
          }
        });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
