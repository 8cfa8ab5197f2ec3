package dev.videop2r.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.cli.Main;
import dev.videop2r.cli.StartupLines;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.plan.MemoryPlanner;
import dev.videop2r.model.plan.ModelSizes;
import dev.videop2r.model.plan.RunShape;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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

  @Test
  void initOfANamedSizeTakesItsTokenIdsFromTheTokenizerAndCopiesIt(@TempDir Path dir) throws Exception {
    Path tokenizer = dir.resolve("tok").resolve("tokenizer.json");
    Files.createDirectories(tokenizer.getParent());
    Map<String, Integer> vocab = new WordLevelTokenizerBuilder().addText("which shape appears first?")
        .write(tokenizer);
    Path out = dir.resolve("tiny");
    Run r = run("model", "init", "--size", "tiny", "--tokenizer", tokenizer.getParent().toString(), "--out",
        out.toString(), "--seed", "1");
    assertEquals(0, r.exit(), r.err());
    QwenConfig expected = ModelSizes.config("tiny", vocab::get);
    assertEquals(expected, QwenConfig.read(out.resolve("config.json")));
    assertEquals(vocab.get("<|video_pad|>"), expected.videoTokenId());
    assertArrayEquals(Files.readAllBytes(tokenizer), Files.readAllBytes(out.resolve("tokenizer.json")));
    long parameters = MemoryPlanner.plan(new RunShape(expected, RunShape.Stage.SFT, 8, 12544, 64, 128, 1, 1, 4, null,
        false, false, false, false)).parameters();
    assertTrue(r.out().contains(String.format(Locale.ROOT, ": %,d parameters (F32, seed 1)", parameters)), r.out());
    try (NDManager manager = NDManager.newBaseManager(); QwenVLModel loaded = QwenVLModel.load(out, manager, DataType.FLOAT32)) {
      assertEquals(expected.vocabSize(), loaded.parameters().get("model.embed_tokens.weight").getShape().get(0));
    }
    Run unknown = run("model", "init", "--size", "huge", "--out", dir.resolve("x").toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown size 'huge' (known: [half, mid, tiny])"), unknown.err());
    Run both = run("model", "init", "--size", "tiny", "--config", tokenizer.toString(), "--out", out.toString());
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
  }
}
