package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of training, then --resume, must end with the weights of an uninterrupted run. */
class CrashResumeTest {
  @Test
  void killedAndResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    Path straight = tmp.resolve("straight");
    Path crashed = tmp.resolve("crashed");
    assertEquals(0, child(straight, "fresh", 0).waitFor());

    Process victim = child(crashed, "fresh", 25);
    Path midway = crashed.resolve("checkpoints/step-00000004");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.isDirectory(midway) && victim.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(victim.isAlive(), "the child finished before it could be killed");
    victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertEquals(137, victim.waitFor());
    String last = String.format("checkpoints/step-%08d", ResumeChild.STEPS);
    assertFalse(Files.exists(crashed.resolve(last)), "killed too late to test anything");

    assertEquals(0, child(crashed, "resume", 0).waitFor());
    assertArrayEquals(Files.readAllBytes(straight.resolve(last + "/weights.safetensors")),
        Files.readAllBytes(crashed.resolve(last + "/weights.safetensors")));
    assertArrayEquals(Files.readAllBytes(straight.resolve(last + "/optimizer.safetensors")),
        Files.readAllBytes(crashed.resolve(last + "/optimizer.safetensors")));
    List<Double> lossesStraight = losses(straight);
    assertEquals(ResumeChild.STEPS, lossesStraight.size());
    assertEquals(lossesStraight, losses(crashed));
  }

  private static List<Double> losses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream().map(r -> r.path("loss").asDouble()).toList();
  }

  private static Process child(Path dir, String mode, long sleepMs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ResumeChild.class.getName(), dir.toString(), mode, Long.toString(sleepMs))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
