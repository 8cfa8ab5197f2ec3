package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.cli.Main;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.serve.OpenAiServer;
import dev.videop2r.serve.ServeLimits;
import dev.videop2r.serve.ServeOptions;
import dev.videop2r.serve.ServedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rl --rollout-url} against {@code videop2r serve} started in-process: the rollouts of every step (same
 * seeds) and the weights after three steps equal the embedded engine's; a dead server in the list is dropped with a
 * warning while two live ones share the prompts; a server whose pixel budget changes the prompt is refused.
 */
class RemoteRolloutTest {
  @TempDir static Path dir;
  private static final FrameRequest TRAINING_FRAMES = new FrameRequest(4, 2.0, 3136, 3136);

  @BeforeAll
  static void world() throws Exception {
    TinyWorld.write(dir);
  }

  private record Run(int exit, String out, String err) {}

  private static Run rl(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("rl", "--model", dir.resolve("base").toString()));
    args.addAll(List.of(TinyWorld.common(dir, "--out", dir.resolve(out).toString(), "--algo", "pa-grpo", "--steps",
        "3", "--prompts-per-step", "2", "--group-size", "2", "--max-new-tokens", "8", "--lr", "1e-3",
        "--max-attempts", "4")));
    args.addAll(List.of(more));
    return execute(args.toArray(String[]::new));
  }

  private static Run execute(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    int exit = cli.execute(args);
    return new Run(exit, o.toString(), e.toString());
  }

  private static OpenAiServer serve(ServedModel model, FrameRequest frames) throws Exception {
    return OpenAiServer.start(model, new ServeOptions("127.0.0.1", 0, null, null, frames,
        new ServeLimits(1 << 24, 64, 4096, 8, 32, 64, 5), true, true));
  }

  @Test
  void remoteRolloutsTrainExactlyAsTheEmbeddedEngine() throws Exception {
    Run embedded = rl("embedded");
    assertEquals(0, embedded.exit(), embedded.err());
    Path base = dir.resolve("base");
    try (ServedModel a = ServedModel.load(base, "tiny", null, DataType.FLOAT32);
        ServedModel b = ServedModel.load(base, "tiny", null, DataType.FLOAT32);
        OpenAiServer first = serve(a, TRAINING_FRAMES);
        OpenAiServer second = serve(b, TRAINING_FRAMES)) {
      String urls = first.baseUrl() + ",http://127.0.0.1:9/v1," + second.baseUrl();
      Run remote = rl("remote", "--rollout-url", urls, "--rollout-model", "tiny");
      assertEquals(0, remote.exit(), remote.err());
      // The dead server (port 9) in the rotation cost retries, not the run (its warning: RolloutServersTest).
      // Control: without the weight sync the server samples from the starting weights after step 1.
      java.net.http.HttpResponse<String> reset = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(first.baseUrl() + "/load_weights"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"path\": \"" + base + "\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reset.statusCode(), reset.body());
      Run stale = rl("stale", "--rollout-url", first.baseUrl(), "--rollout-model", "tiny", "--rollout-weight-sync",
          "none");
      assertEquals(0, stale.exit(), stale.err());
      assertTrue(first.batches() > 0 && second.batches() > 0, "both live servers sampled rollouts: " + first.batches()
          + ", " + second.batches() + "; " + remote.err());
    }
    List<JsonNode> e = metrics("embedded");
    List<JsonNode> r = metrics("remote");
    assertEquals(3, r.size());
    for (int step = 0; step < 3; step++) {
      for (String key : List.of("length/completion_tokens", "length/perception_tokens", "reward/reasoning", "reward/perception",
          "completions_stopped")) {
        assertEquals(e.get(step).path(key).toString(), r.get(step).path(key).toString(), key + " at step " + step);
      }
      assertTrue(r.get(step).path("logp_mismatch_max").asDouble() < 1e-4, r.get(step).toString());
    }
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel x = QwenVLModel.load(dir.resolve("embedded/model"), m, DataType.FLOAT32);
        QwenVLModel y = QwenVLModel.load(dir.resolve("remote/model"), m, DataType.FLOAT32);
        QwenVLModel start = QwenVLModel.load(base, m, DataType.FLOAT32)) {
      double moved = 0;
      for (Map.Entry<String, NDArray> p : x.parameters().entrySet()) {
        NDArray other = y.parameters().get(p.getKey());
        assertTrue(p.getValue().sub(other).abs().max().getFloat() < 1e-5, p.getKey());
        moved = Math.max(moved, p.getValue().sub(start.parameters().get(p.getKey())).abs().max().getFloat());
      }
      assertTrue(moved > 1e-4, "training changed the weights");
      try (QwenVLModel z = QwenVLModel.load(dir.resolve("stale/model"), m, DataType.FLOAT32)) {
        double staleGap = 0;
        for (Map.Entry<String, NDArray> p : x.parameters().entrySet()) {
          staleGap = Math.max(staleGap, p.getValue().sub(z.parameters().get(p.getKey())).abs().max().getFloat());
        }
        assertTrue(staleGap > 1e-5, "stale rollouts should train differently, gap " + staleGap);
      }
    }
  }

  @Test
  void aServerDyingMidRunStopsItWithAClearErrorAndResumeContinuesToTheSameWeights() throws Exception {
    Run embedded = rl("embedded-3", "--save-every", "1");
    assertEquals(0, embedded.exit(), embedded.err());
    Path base = dir.resolve("base");
    Path metrics = dir.resolve("killed/metrics.jsonl");
    Run killed;
    try (ServedModel a = ServedModel.load(base, "tiny", null, DataType.FLOAT32);
        OpenAiServer doomed = serve(a, TRAINING_FRAMES)) {
      Thread killer = Thread.ofPlatform().start(() -> {
        try {
          while (!Files.exists(metrics) || Files.readAllLines(metrics).isEmpty()) {
            Thread.sleep(5);
          }
          doomed.close(); // after the first step: the second one's rollouts find no server
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      killed = rl("killed", "--save-every", "1", "--rollout-url", doomed.baseUrl(), "--rollout-model", "tiny");
      killer.join();
    }
    assertEquals(2, killed.exit(), killed.out());
    assertTrue(killed.err().contains("no rollout server is left") || killed.err().contains("failed 4 times"),
        killed.err());
    int done = Files.readAllLines(metrics).size();
    assertTrue(done >= 1 && done < 3, done + " steps before the server died");
    try (ServedModel b = ServedModel.load(base, "tiny", null, DataType.FLOAT32);
        OpenAiServer fresh = serve(b, TRAINING_FRAMES)) {
      Run resumed = rl("killed", "--save-every", "1", "--rollout-url", fresh.baseUrl(), "--rollout-model", "tiny",
          "--resume");
      assertEquals(0, resumed.exit(), resumed.err());
    }
    assertEquals(3, Files.readAllLines(metrics).size());
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel x = QwenVLModel.load(dir.resolve("embedded-3/model"), m, DataType.FLOAT32);
        QwenVLModel y = QwenVLModel.load(dir.resolve("killed/model"), m, DataType.FLOAT32)) {
      for (Map.Entry<String, NDArray> p : x.parameters().entrySet()) {
        assertTrue(p.getValue().sub(y.parameters().get(p.getKey())).abs().max().getFloat() < 1e-5, p.getKey());
      }
    }
  }

  @Test
  void loraRunsSyncTheAdapterToTheServerAndRefuseAFullReload() throws Exception {
    String[] lora = {"--lora-rank", "4", "--lora-dropout", "0"};
    try (ServedModel a = ServedModel.load(dir.resolve("base"), "tiny", null, DataType.FLOAT32);
        OpenAiServer server = serve(a, TRAINING_FRAMES)) {
      Run remote = rl("lora-remote", concat(lora, "--rollout-url", server.baseUrl(), "--rollout-model", "tiny"));
      assertEquals(0, remote.exit(), remote.err());
      // the adapter of the last batch (step 2) is loaded, the earlier ones were unloaded
      java.net.http.HttpResponse<String> models = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/models")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      List<String> ids = new ArrayList<>();
      new ObjectMapper().readTree(models.body()).get("data").forEach(m -> ids.add(m.get("id").asText()));
      assertEquals(List.of("tiny", "tiny-step-2"), ids);
      assertTrue(Files.exists(dir.resolve("lora-remote/adapter/adapter_model.safetensors")));
      Run reload = rl("lora-reload", concat(lora, "--rollout-url", server.baseUrl(), "--rollout-model", "tiny",
          "--rollout-weight-sync", "reload"));
      assertEquals(2, reload.exit());
      assertTrue(reload.err().contains("without the trained adapters"), reload.err());
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @Test
  void aServerThatTokenisesThePromptDifferentlyIsRefused() throws Exception {
    // Half the pixels: the server resizes the frames, so the video has fewer tokens than the trainer's prompt.
    try (ServedModel a = ServedModel.load(dir.resolve("base"), "tiny", null, DataType.FLOAT32);
        OpenAiServer other = serve(a, new FrameRequest(4, 2.0, 784, 1568))) {
      Run refused = rl("refused", "--rollout-url", other.baseUrl(), "--rollout-model", "tiny");
      assertEquals(2, refused.exit(), refused.out());
      assertTrue(refused.err().contains("tokenised the prompt into"), refused.err());
    }
  }

  private static List<JsonNode> metrics(String run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"))) {
      rows.add(json.readTree(line));
    }
    return rows;
  }
}
