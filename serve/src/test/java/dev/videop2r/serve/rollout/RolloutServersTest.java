package dev.videop2r.serve.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutServersTest {

  @Test
  void serversRotateAndOneFailingRepeatedlyIsDroppedWithAWarning() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RolloutServers servers = new RolloutServers(List.of("http://127.0.0.1:1/v1", "http://127.0.0.1:2/v1/"), null,
        Duration.ofSeconds(1), 2, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(List.of("http://127.0.0.1:1/v1", "http://127.0.0.1:2/v1", "http://127.0.0.1:1/v1"),
        List.of(servers.pick(), servers.pick(), servers.pick()));
    servers.failed("http://127.0.0.1:1/v1", "refused");
    servers.succeeded("http://127.0.0.1:1/v1");
    servers.failed("http://127.0.0.1:1/v1", "refused");
    assertEquals(2, servers.live().size(), "a success resets the count");
    servers.failed("http://127.0.0.1:1/v1", "refused");
    assertEquals(List.of("http://127.0.0.1:2/v1"), servers.live());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(
        "rollout server http://127.0.0.1:1/v1 dropped from the rotation (2 failures in a row, the last: refused); 1 left"),
        log.toString(StandardCharsets.UTF_8));
    assertEquals("http://127.0.0.1:2/v1", servers.pick());
    servers.drop("http://127.0.0.1:2/v1", "cannot load weights");
    IllegalStateException none = assertThrows(IllegalStateException.class, servers::pick);
    assertTrue(none.getMessage().contains("no rollout server is left"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RolloutServers(List.of("ftp://x"), null,
        Duration.ofSeconds(1), 2, System.err));
  }
}
