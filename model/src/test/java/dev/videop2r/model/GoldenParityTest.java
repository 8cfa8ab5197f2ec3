package dev.videop2r.model;

import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every tensor of the tiny-a golden fixture within the README's tolerances, and identical greedy tokens. */
class GoldenParityTest {

  private static final Path DIR = TestData.golden("qwen25vl-tiny-a");
  private static NDManager manager;
  private static QwenVLModel model;
  private static List<ParityCheck.Diff> diffs;

  @BeforeAll
  static void run() {
    manager = NDManager.newBaseManager();
    model = QwenVLModel.load(DIR, manager, DataType.FLOAT32);
    diffs = ParityCheck.run(model, DIR.resolve("inputs.safetensors"), DIR.resolve("expected.safetensors"),
        ParityCheck.Tolerances.GOLDEN, manager);
    diffs.forEach(d -> System.out.printf("%-34s maxAbs %.3e  maxRel %.3e  tol %.0e %s%n", d.name(), d.maxAbs(),
        d.maxRel(), d.tolerance(), d.problem() == null ? "" : d.problem()));
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  @Test
  void everyExpectedTensorIsCompared() {
    Set<String> names = diffs.stream().map(ParityCheck.Diff::name).collect(Collectors.toSet());
    assertEquals(24, names.size(), "golden README lists 24 expected tensors: " + names);
  }

  @Test
  void allTensorsWithinTolerance() {
    List<ParityCheck.Diff> failed = diffs.stream().filter(d -> !d.passed()).toList();
    assertTrue(failed.isEmpty(), "over tolerance: " + failed);
  }

  @Test
  void greedyTokensIdentical() {
    ParityCheck.Diff tokens = diffs.stream().filter(d -> d.name().equals("greedy_tokens")).findFirst().orElseThrow();
    assertEquals(0.0, tokens.maxAbs(), "greedy tokens differ");
  }
}
