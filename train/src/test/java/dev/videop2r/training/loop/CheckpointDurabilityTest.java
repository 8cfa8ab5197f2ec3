package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.testkit.ForcedPaths;
import dev.videop2r.training.ToyData;
import dev.videop2r.training.ToyModel;
import dev.videop2r.training.sft.SftTrainer;
import dev.videop2r.training.sft.SftTrainerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints survive a power cut (everything synced) and a damaged one is passed over for the one before. */
class CheckpointDurabilityTest {
  private static final int STEPS = 6;

  private static void train(Path run, boolean resume, PrintStream err) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 8, 3, DataType.FLOAT32);
      new SftTrainer(model, SftTrainerTest.config(STEPS, 0.01, 2), ToyData.PAD)
          .train(ToyData.samples(), ToyData::encode, run, resume, err);
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }

  private static Path checkpoint(Path run, int step) {
    return run.resolve(String.format("checkpoints/step-%08d", step));
  }

  @Test
  void everyFileOfACheckpointTheMetricsAndTheDirectoriesAreSynced(@TempDir Path dir) throws Exception {
    assumeTrue(ForcedPaths.available(), "this JDK does not record fsyncs");
    Path run = dir.resolve("run").toAbsolutePath().normalize();
    List<Path> forced = ForcedPaths.during(() -> train(run, false, quiet()));
    Path last = checkpoint(run, STEPS);
    for (Path p : List.of(run.resolve("metrics.jsonl"), run.resolve("checkpoints"))) {
      assertTrue(forced.contains(p), p + " was not synced: " + forced);
    }
    for (String file : List.of("state.json", "checksums.json", "weights.safetensors", "optimizer.safetensors")) {
      // Synced in the temporary directory, before the rename that publishes the checkpoint.
      assertTrue(forced.stream().anyMatch(p -> p.getParent().getParent().equals(run.resolve("checkpoints"))
          && p.getParent().getFileName().toString().startsWith(".tmp-") && p.getFileName().toString().equals(file)),
          file + " was not synced before the rename: " + forced);
    }
    assertTrue(Files.isDirectory(last));
  }

  @Test
  void aDamagedNewestCheckpointIsSkippedAndTheRunReplaysFromThePreviousOne(@TempDir Path dir) throws Exception {
    Path straight = dir.resolve("straight");
    train(straight, false, quiet());
    Path run = dir.resolve("run");
    train(run, false, quiet());
    Path newest = checkpoint(run, STEPS).resolve("weights.safetensors");
    flipLastByte(newest);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    train(run, true, new PrintStream(err, true));
    assertTrue(err.toString().contains("skipping damaged checkpoint " + checkpoint(run, STEPS))
        && err.toString().contains("weights.safetensors is damaged"), err.toString());
    assertArrayEquals(Files.readAllBytes(checkpoint(straight, STEPS).resolve("weights.safetensors")),
        Files.readAllBytes(newest), "steps 5 and 6 were trained again from step 4");
    assertEquals(STEPS, MetricsLog.read(run.resolve("metrics.jsonl")).size());
  }

  @Test
  void aStateFileEmptiedByAPowerCutFallsBackAndWhenNoneIsIntactTheErrorNamesEach(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    train(run, false, quiet());
    Files.write(checkpoint(run, STEPS).resolve("state.json"), new byte[0]);
    train(run, true, quiet());
    assertTrue(Files.size(checkpoint(run, STEPS).resolve("state.json")) > 0, "step 6 was written again");

    flipLastByte(checkpoint(run, STEPS - 2).resolve("optimizer.safetensors"));
    flipLastByte(checkpoint(run, STEPS).resolve("optimizer.safetensors"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(run, true, quiet()));
    assertTrue(e.getMessage().startsWith("resume: no intact checkpoint under ")
        && e.getMessage().contains("step-00000004") && e.getMessage().contains("step-00000006")
        && e.getMessage().contains("optimizer.safetensors is damaged"), e.getMessage());
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointStartsAgainWithoutResumeAndResumeSaysSo(@TempDir Path dir)
      throws Exception {
    Path straight = dir.resolve("straight");
    train(straight, false, quiet());
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("checkpoints/.tmp-1"));
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":1,\"loss\":99.0}\n{\"step\":2,\"lo");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(run, true, quiet()));
    assertTrue(e.getMessage().contains("no complete checkpoint")
        && e.getMessage().contains("starts again without resume"), e.getMessage());
    train(run, false, quiet());
    assertArrayEquals(Files.readAllBytes(checkpoint(straight, STEPS).resolve("weights.safetensors")),
        Files.readAllBytes(checkpoint(run, STEPS).resolve("weights.safetensors")));
    assertEquals(losses(straight), losses(run), "the killed attempt's rows are gone");
  }

  private static List<Double> losses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream().map(r -> r.path("loss").asDouble()).toList();
  }

  private static void flipLastByte(Path file) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, ch.size() - 1);
      b.put(0, (byte) (b.get(0) ^ 0x40));
      ch.write(b.rewind(), ch.size() - 1);
    }
  }
}
