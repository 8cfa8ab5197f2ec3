package dev.videop2r.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.pipeline.RunAbortedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A dead key stops the run, and nothing the server echoes of the credentials reaches a message. */
class CredentialFailuresTest {

  private static final String KEY = "sk-proj-abcdefghijklmnop1234";

  /** A server that answers 401 and echoes the request headers, as some proxies do. */
  private static final class RejectingClient implements ChatClient {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String id() {
      return "openai:m";
    }

    @Override
    public ChatReply chat(ChatRequest request) throws RemoteCallException {
      calls.incrementAndGet();
      throw RemoteCallException.http(id(), 401, "{\"error\": \"invalid key\", \"headers\": {\"Authorization\": "
          + "\"Bearer " + KEY + "\", \"x-api-key\": \"" + KEY + "\"}}" + " padding".repeat(200), null, null);
    }

    @Override
    public void close() {}
  }

  @Test
  void errorTextsAreRedactedAndCut() {
    RemoteCallException e = RemoteCallException.http("openai:m", 401,
        "Authorization: Bearer " + KEY + " and key " + KEY + " x".repeat(400), null, null);
    assertFalse(e.getMessage().contains("abcdefghijklmnop"), e.getMessage());
    assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
    assertTrue(e.getMessage().length() < Redaction.MAX_CHARS + 60, "cut: " + e.getMessage().length());
    assertTrue(e.getMessage().endsWith("more characters)"), e.getMessage());
  }

  @Test
  void threeRejectionsInARowStopTheRunAndLaterCallsFailFast() throws Exception {
    RejectingClient server = new RejectingClient();
    ResilientChatClient client = new ResilientChatClient(server,
        new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2)), new Throttle(4, 0));
    ChatRequest request = ChatRequest.text("s", "t", 0, 8);
    for (int i = 0; i < ResilientChatClient.REJECTIONS_TO_STOP - 1; i++) {
      RemoteCallException e = assertThrows(RemoteCallException.class, () -> client.chat(request));
      assertEquals(401, e.status());
    }
    RunAbortedException stop = assertThrows(RunAbortedException.class, () -> client.chat(request));
    assertTrue(stop.getMessage().contains("rejected the credentials 3 times in a row (HTTP 401)"), stop.getMessage());
    assertFalse(stop.getMessage().contains("abcdefghijklmnop"), stop.getMessage());
    assertTrue(stop.getMessage().contains("then rerun with resume."), stop.getMessage());
    assertTrue(stop.message(f -> "--" + f).contains("then rerun with --resume."), stop.message(f -> "--" + f));
    assertThrows(RunAbortedException.class, () -> client.chat(request));
    assertEquals(ResilientChatClient.REJECTIONS_TO_STOP, server.calls.get(), "no call after the stop, no retry of a 401");
  }
}
