package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --device} on every command that runs a model. This machine has libtorch's CPU natives only, so a GPU is
 * always absent here: each command must refuse it in one line naming the flag and how to get CUDA natives, before
 * it reads any weights (the fake checkpoint below would fail to load). The start-up line itself is checked where
 * each command runs for real (InferCommandTest, ModelCommandTest, LocalModelEvalTest, TrainCommandsTest,
 * ServeEndpointTest).
 */
class DeviceOptionTest {

  private static final Path FIXTURES = Path.of("..", "evaluation", "src", "test", "resources", "evaluation");

  @TempDir static Path dir;
  private static Map<String, List<String>> commands;

  @BeforeAll
  static void fakeInputs() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), "not read");
    Files.writeString(model.resolve("tokenizer.json"), "not read");
    Path file = Files.writeString(dir.resolve("file"), "not read");
    Path media = Files.createDirectories(dir.resolve("media"));
    String m = model.toString();
    String f = file.toString();
    List<String> train = List.of("--model", m, "--data", f, "--media-root", media.toString());
    commands = Map.of(
        "infer", List.of("infer", "--model", m, "--video", f, "--question", "q"),
        "model check", List.of("model", "check", "--model", m, "--inputs", f, "--expected", f),
        "serve", List.of("serve", "--model", m, "--port", "0"),
        "eval run", List.of("eval", "run", "--bench", "videomme", "--annotations",
            FIXTURES.resolve("videomme-videor1.json").toString(), "--condition", "text", "--model", m,
            "--out", dir.resolve("eval").toString()),
        "sft", concat(List.of("sft", "--out", dir.resolve("sft").toString()), train),
        "rl", concat(List.of("rl", "--out", dir.resolve("rl").toString()), train));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static CliRun run(String command, String... more) {
    return CliRun.of(concat(commands.get(command), List.of(more)).toArray(String[]::new));
  }

  @Test
  void anAbsentGpuIsOneLineNamingTheFlagAndTheFix() {
    for (String command : commands.keySet()) {
      for (String spelling : List.of("cuda", "cuda:0", "gpu")) {
        CliRun r = run(command, "--device", spelling);
        assertEquals(2, r.exit(), command + ": " + r.err());
        List<String> errors = r.err().lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, errors.size(), command + ": " + r.err());
        String line = errors.getFirst();
        assertTrue(line.startsWith("videop2r " + command + ": error: --device: cuda:0: the loaded libtorch 2.7.1 (cpu,"),
            line);
        assertTrue(line.contains("is a CPU build; get CUDA natives") && line.contains("PYTORCH_LIBRARY_PATH=")
            && line.contains("PYTORCH_FLAVOR=cu128") && line.contains("docs/gpu.md"), line);
        assertFalse(r.err().contains("engine PyTorch"), "no start-up line for a refused device: " + r.err());
      }
    }
  }

  @Test
  void aMisspelledDeviceNamesTheFlag() {
    for (String command : commands.keySet()) {
      CliRun r = run(command, "--device", "tpu");
      assertEquals(2, r.exit(), command + ": " + r.err());
      assertTrue(r.err().contains("--device") && r.err().contains("must be cpu, cuda or cuda:N, got 'tpu'"),
          command + ": " + r.err());
    }
  }

  @Test
  void helpShowsOneDeviceFlagWithAWordPlaceholder() {
    for (String command : commands.keySet()) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, r.exit(), command + ": " + r.err());
      assertTrue(r.out().contains("--device=DEVICE"), command + ": " + r.out());
      assertTrue(r.out().contains("--dtype=float32|float16"), command + ": " + r.out());
      assertFalse(r.out().contains("gpu:N"), command + ": the gpu spelling is a hidden alias: " + r.out());
    }
  }
}
