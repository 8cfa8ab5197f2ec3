package dev.videop2r.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.testkit.ScriptedChatServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.testkit.ScriptedChatServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicAndJudgeTest {

  private static final String KEY = "sk-ant-test-0815";
  private static final JudgeQuery QUERY = new JudgeQuery("Which ball moves?Options:\nA. red\nB. blue\n", "A",
      "<observation>The red ball moves left.</observation>", List.of());

  private ScriptedChatServer server;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedChatServer.start((path, body) -> Reply.ok(ScriptedChatServer.anthropicMessage(
        "{\"sufficient\": true, \"reason\": \"states the moving ball\"}")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RemoteJudge judge(int attempts) {
    return new RemoteJudge(new ResilientChatClient(
        AnthropicChatClient.direct(server.anthropicBaseUrl(), "claude-test", KEY, Duration.ofSeconds(5), 4),
        new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(20)), new Throttle(4, 0)), 256);
  }

  @Test
  void judgeSeesOnlyQuestionAnswerAndObservationOverTheMessagesApi() throws Exception {
    Judgement j = judge(3).judge(QUERY);
    assertEquals(Judgement.Verdict.SUFFICIENT, j.verdict());
    assertEquals("states the moving ball", j.reason());
    ScriptedChatServer.Received r = server.received().get(0);
    assertEquals("/v1/messages", r.path());
    // The SDK decides the credential header (x-api-key or a bearer token); the key must be in one of them.
    String credential = r.header("x-api-key") != null ? r.header("x-api-key") : r.header("Authorization");
    assertTrue(credential != null && credential.endsWith(KEY), r.headers().keySet().toString());
    assertTrue(r.header("anthropic-version") != null);
    JsonNode body = r.body();
    assertEquals("claude-test", body.get("model").asText());
    assertEquals(0.0, body.get("temperature").asDouble());
    assertTrue(body.get("system").asText().contains("You do not see the video"));
    String user = ScriptedChatServer.userText(body);
    assertTrue(user.contains("Correct answer: A") && user.contains("The red ball moves left."), user);
  }

  @Test
  void overloadAndMalformedRepliesAreRetriedAndExhaustionIsNoScoreNotAnException() throws Exception {
    server.enqueue(Reply.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}"),
        Reply.ok("{\"content\": [ {\"type\""),
        Reply.ok(ScriptedChatServer.anthropicMessage("{\"sufficient\": false, \"reason\": \"no colour\"}")));
    Judgement j = judge(3).judge(QUERY);
    assertEquals(Judgement.Verdict.INSUFFICIENT, j.verdict());
    assertEquals(3, server.received().size());

    server.enqueue(Reply.status(500, "{}"), Reply.status(500, "{}"));
    Judgement failed = judge(2).judge(QUERY);
    assertEquals(Judgement.Verdict.NO_SCORE, failed.verdict());
    assertTrue(failed.perceptionAccuracy().isEmpty());
    assertTrue(failed.reason().contains("HTTP 500"), failed.reason());
    assertFalse(failed.reason().contains(KEY));
  }

  @Test
  void judgeRepliesAreReadStrictly() {
    assertEquals(Judgement.Verdict.SUFFICIENT,
        JudgePrompt.read("Sure.\n{\"sufficient\": \"true\", \"reason\": \"ok\"}").verdict());
    assertEquals(Judgement.Verdict.INSUFFICIENT, JudgePrompt.read("{\"sufficient\": false}").verdict());
    for (String unreadable : new String[] {"yes", "", "{\"sufficient\": \"maybe\"}", "{\"verdict\": true}", "{oops"}) {
      assertEquals(Judgement.Verdict.NO_SCORE, JudgePrompt.read(unreadable).verdict(), unreadable);
    }
  }

  @Test
  void aMissingAnthropicKeyIsAClearError() {
    InvalidFieldException e = assertThrows(InvalidFieldException.class,
        () -> AnthropicChatClient.direct(server.anthropicBaseUrl(), "m", "", Duration.ofSeconds(1), 1));
    assertEquals("judge.keyEnv", e.field());
    assertTrue(e.getMessage().startsWith("judge.keyEnv: no Anthropic API key"), e.getMessage());
  }
}
