package dev.videop2r.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.cli.Main;
import dev.videop2r.cli.StartupLines;
import dev.videop2r.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {

  private static final Path GOLDEN = TestData.golden("qwen25vl-tiny-a");

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void checkPassesOnTheGoldenFixture() {
    Run r = run("model", "check", "--model", GOLDEN.toString(), "--inputs", GOLDEN.resolve("inputs.safetensors").toString(),
        "--expected", GOLDEN.resolve("expected.safetensors").toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    StartupLines.assertOnce(r.err(), "cpu", "float32");
    assertTrue(r.out().contains("24 tensors compared, 0 over tolerance"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("logits") && l.endsWith("ok")), r.out());
  }

  @Test
  void checkExitsNonZeroOverTolerance() {
    Run r = run("model", "check", "--model", GOLDEN.toString(), "--inputs", GOLDEN.resolve("inputs.safetensors").toString(),
        "--expected", GOLDEN.resolve("expected.safetensors").toString(), "--atol-text", "1e-9");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("logits") && l.endsWith("FAIL")), r.out());
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    Run r = run("model", "check", "--model", GOLDEN.toString(), "--inputs", dir.resolve("nope.safetensors").toString(),
        "--expected", GOLDEN.resolve("expected.safetensors").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--inputs") && r.err().contains("nope.safetensors"), r.err());
  }

  @Test
  void initWritesALoadableCheckpointAndRefusesToOverwrite(@TempDir Path dir) {
    Path out = dir.resolve("rand");
    Run r = run("model", "init", "--config", GOLDEN.resolve("config.json").toString(), "--out", out.toString(),
        "--seed", "3", "--dtype", "BF16");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(out.resolve("config.json")) && Files.exists(out.resolve("model.safetensors")));
    assertTrue(r.out().contains("parameters"), r.out());
    Run again = run("model", "init", "--config", GOLDEN.resolve("config.json").toString(), "--out", out.toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("--force"), again.err());
    // The random checkpoint runs through check's loader: against the golden tensors it must fail, not crash.
    Run check = run("model", "check", "--model", out.toString(), "--inputs", GOLDEN.resolve("inputs.safetensors").toString(),
        "--expected", GOLDEN.resolve("expected.safetensors").toString());
    assertEquals(1, check.exit(), check.out() + check.err());
  }
}
