package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.cli.CliRun;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.io.SafetensorsWriter;
import dev.videop2r.model.io.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sft --lora-rank} and {@code rl --lora-rank} on the tiny world: adapters only, in PEFT's layout. */
class LoraTrainingTest {
  @TempDir static Path dir;

  @BeforeAll
  static void world() throws Exception {
    TinyWorld.write(dir);
  }

  private static String[] args(String command, Path out, String... more) {
    Path relativeBase = Path.of("").toAbsolutePath().relativize(dir.resolve("base").toAbsolutePath());
    List<String> l = new ArrayList<>(List.of(command, "--model", relativeBase.toString()));
    l.addAll(List.of(TinyWorld.common(dir, "--out", out.toString())));
    l.addAll(List.of(more));
    return l.toArray(String[]::new);
  }

  private static List<Double> losses(Path run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Double> losses = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      losses.add(json.readTree(line).get("loss").asDouble());
    }
    return losses;
  }

  @Test
  void sftWithLoraTrainsAdaptersOnlyAndSavesThemForPeft() throws Exception {
    Path out = dir.resolve("runs/sft-lora");
    CliRun r = CliRun.of(args("sft", out, "--lora-rank", "4", "--lora-dropout", "0", "--max-steps", "8",
        "--batch-size", "2", "--grad-accum", "1", "--lr", "3e-2", "--no-shuffle", "--epochs", "8"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("adapter " + out.resolve("adapter")), r.out());
    assertFalse(Files.exists(out.resolve("model")), "a LoRA run writes no full model");
    String config = Files.readString(out.resolve("adapter/adapter_config.json"));
    assertTrue(config.contains("\"peft_type\" : \"LORA\"") && config.contains("\"lora_alpha\" : 8.0"), config);
    // --model was given relative to the working directory; the adapter records where the base is from anywhere.
    assertTrue(config.contains("\"base_model_name_or_path\" : \"" + dir.resolve("base").toAbsolutePath().normalize()
        + "\""), config);
    try (SafetensorsFile weights = SafetensorsFile.open(out.resolve("adapter/adapter_model.safetensors"))) {
      assertTrue(weights.tensors().keySet().stream().allMatch(k -> k.startsWith("base_model.model.model.layers.")
          && (k.endsWith(".lora_A.weight") || k.endsWith(".lora_B.weight"))), weights.tensors().keySet().toString());
      // 2 layers x 7 modules x (A, B).
      assertEquals(28, weights.tensors().size());
    }
    List<Double> losses = losses(out);
    assertTrue(losses.getLast() < losses.getFirst(), "loss " + losses);

    Path merged = dir.resolve("merged");
    CliRun merge = CliRun.of("model", "merge", "--model", dir.resolve("base").toString(), "--adapter",
        out.resolve("adapter").toString(), "--out", merged.toString());
    assertEquals(0, merge.exit(), merge.err());
    assertTrue(Files.exists(merged.resolve("model.safetensors")) && Files.exists(merged.resolve("tokenizer.json")));
  }

  @Test
  void rlWithLoraUsesTheBaseAsReferenceAndResumesToTheSameAdapter() throws Exception {
    String[] rl = {"--lora-rank", "2", "--algo", "pa-grpo", "--steps", "2", "--prompts-per-step", "1",
        "--group-size", "2", "--max-new-tokens", "6", "--lr", "1e-2", "--save-every", "1", "--keep-checkpoints", "3"};
    Path whole = dir.resolve("runs/rl-lora");
    CliRun r = CliRun.of(args("rl", whole, rl));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("adapter " + whole.resolve("adapter")), r.out());

    // An interrupted run: the same run with its last checkpoint and metrics row gone, then --resume.
    Path cut = dir.resolve("runs/rl-lora-cut");
    assertEquals(0, CliRun.of(args("rl", cut, rl)).exit());
    try (Stream<Path> steps = Files.list(cut.resolve("checkpoints"))) {
      Path last = steps.max(Comparator.naturalOrder()).orElseThrow();
      try (Stream<Path> files = Files.walk(last)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    List<String> rows = Files.readAllLines(cut.resolve("metrics.jsonl"));
    Files.write(cut.resolve("metrics.jsonl"), rows.subList(0, 1));
    CliRun resumed = CliRun.of(args("rl", cut, concat(rl, "--resume")));
    assertEquals(0, resumed.exit(), resumed.err());
    byte[] expected = Files.readAllBytes(whole.resolve("adapter/adapter_model.safetensors"));
    assertArrayEquals(expected, Files.readAllBytes(cut.resolve("adapter/adapter_model.safetensors")));

    CliRun withReference = CliRun.of(args("rl", dir.resolve("runs/rl-lora-ref"), concat(rl, "--reference",
        dir.resolve("base").toString())));
    assertEquals(2, withReference.exit());
    assertTrue(withReference.err().contains("--reference does not apply with --lora-rank"), withReference.err());
  }

  /**
   * Dropout draws a new mask for every adapted module on every training forward; a resumed run must draw the masks
   * the uninterrupted run drew at the same steps, or its adapters differ (as they did while the masks came from
   * the engine's global random stream).
   */
  @Test
  void sftWithLoraDropoutResumesToTheSameAdapter() throws Exception {
    String[] sft = {"--lora-rank", "4", "--lora-dropout", "0.3", "--max-steps", "4", "--batch-size", "2",
        "--grad-accum", "1", "--lr", "3e-2", "--save-every", "1", "--keep-checkpoints", "5"};
    Path whole = dir.resolve("runs/sft-dropout");
    CliRun r = CliRun.of(args("sft", whole, sft));
    assertEquals(0, r.exit(), r.err());

    Path cut = dir.resolve("runs/sft-dropout-cut");
    assertEquals(0, CliRun.of(args("sft", cut, sft)).exit());
    cutAfter(cut, 2);
    CliRun resumed = CliRun.of(args("sft", cut, concat(sft, "--resume")));
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(losses(whole), losses(cut));
    assertArrayEquals(Files.readAllBytes(whole.resolve("adapter/adapter_model.safetensors")),
        Files.readAllBytes(cut.resolve("adapter/adapter_model.safetensors")));
  }

  /**
   * A base saved by transformers ≥ 4.52 names its decoder model.language_model; PEFT would name the adapter's keys
   * so there, and so does the run (the published layout's base gets the published keys, as above).
   */
  @Test
  void anAdapterFollowsItsBaseCheckpointsKeyLayout() throws Exception {
    Path base = dir.resolve("base");
    Path newer = Files.createDirectories(dir.resolve("base-4.52"));
    try (Stream<Path> files = Files.list(base)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals(Checkpoint.SINGLE_FILE)).toList()) {
        Files.copy(f, newer.resolve(f.getFileName()));
      }
    }
    List<SafetensorsWriter.Entry> renamed = new ArrayList<>();
    try (SafetensorsFile weights = SafetensorsFile.open(base.resolve(Checkpoint.SINGLE_FILE))) {
      for (TensorInfo t : weights.tensors().values()) {
        String name = t.name().startsWith("visual.") ? "model." + t.name()
            : t.name().startsWith("model.") ? "model.language_model." + t.name().substring("model.".length()) : t.name();
        renamed.add(new SafetensorsWriter.Entry(name, t.dtype(), t.shape(), weights.bytes(t.name())));
      }
      SafetensorsWriter.write(newer.resolve(Checkpoint.SINGLE_FILE), renamed, Map.of("format", "pt"));
    }
    Path out = dir.resolve("runs/sft-lora-4.52");
    List<String> l = new ArrayList<>(List.of("sft", "--model", newer.toString()));
    l.addAll(List.of(TinyWorld.common(dir, "--out", out.toString(), "--lora-rank", "2", "--max-steps", "1",
        "--batch-size", "1", "--grad-accum", "1")));
    CliRun r = CliRun.of(l.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    try (SafetensorsFile adapter = SafetensorsFile.open(out.resolve("adapter/adapter_model.safetensors"))) {
      assertEquals(28, adapter.tensors().size());
      assertTrue(adapter.tensors().keySet().stream()
          .allMatch(k -> k.startsWith("base_model.model.model.language_model.layers.")), adapter.tensors().keySet()
          .toString());
    }
  }

  /** The run in {@code run} as if killed after step {@code steps}: later checkpoints and metrics rows gone. */
  private static void cutAfter(Path run, int steps) throws Exception {
    try (Stream<Path> all = Files.list(run.resolve("checkpoints"))) {
      for (Path step : all.sorted().toList()) {
        if (step.getFileName().toString().compareTo(String.format("step-%08d", steps)) > 0) {
          try (Stream<Path> files = Files.walk(step)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
    }
    List<String> rows = Files.readAllLines(run.resolve("metrics.jsonl"));
    Files.write(run.resolve("metrics.jsonl"), rows.subList(0, steps));
    Files.deleteIfExists(run.resolve("adapter/adapter_model.safetensors"));
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }
}
