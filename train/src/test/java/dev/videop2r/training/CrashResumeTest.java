package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.training.loop.CheckpointStore;
import dev.videop2r.training.loop.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at a random step, then --resume, must end with the weights, optimizer moments and losses of an
 * uninterrupted run, for SFT and for RL (each trainer in a child JVM).
 */
class CrashResumeTest {
  @Test
  void killedAndResumedSftRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    killResumeAndCompare("sft", ResumeChild.SFT_STEPS, 25, tmp);
  }

  @Test
  void killedAndResumedRlRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    killResumeAndCompare("rl", ResumeChild.RL_STEPS, 150, tmp);
  }

  private static void killResumeAndCompare(String trainer, int steps, long sleepMs, Path tmp) throws Exception {
    Path straight = tmp.resolve("straight");
    Path crashed = tmp.resolve("crashed");
    assertEquals(0, child(trainer, straight, "fresh", 0).waitFor());

    // Killed once this many steps are logged and a checkpoint exists (--resume needs one): at a random step,
    // between checkpoints or just after one.
    int killAfter = 2 + new Random().nextInt(steps - 3);
    String at = " (killed after step " + killAfter + ")";
    Process victim = child(trainer, crashed, "fresh", sleepMs);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((loggedSteps(crashed) < killAfter || !CheckpointStore.holdsCheckpoint(crashed)) && victim.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(victim.isAlive(), "the child finished before it could be killed" + at);
    victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertEquals(137, victim.waitFor());
    String last = String.format("checkpoints/step-%08d", steps);
    assertFalse(Files.exists(crashed.resolve(last)), "killed too late to test anything" + at);

    assertEquals(0, child(trainer, crashed, "resume", 0).waitFor(), at);
    assertArrayEquals(Files.readAllBytes(straight.resolve(last + "/weights.safetensors")),
        Files.readAllBytes(crashed.resolve(last + "/weights.safetensors")), "weights" + at);
    assertArrayEquals(Files.readAllBytes(straight.resolve(last + "/optimizer.safetensors")),
        Files.readAllBytes(crashed.resolve(last + "/optimizer.safetensors")), "optimizer state" + at);
    List<Double> lossesStraight = losses(straight);
    assertEquals(steps, lossesStraight.size());
    assertEquals(lossesStraight, losses(crashed), "losses" + at);
  }

  private static int loggedSteps(Path run) {
    Path metrics = run.resolve("metrics.jsonl");
    return Files.exists(metrics) ? MetricsLog.read(metrics).size() : 0;
  }

  private static List<Double> losses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream().map(r -> r.path("loss").asDouble()).toList();
  }

  private static Process child(String trainer, Path dir, String mode, long sleepMs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ResumeChild.class.getName(), trainer, dir.toString(), mode, Long.toString(sleepMs))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
