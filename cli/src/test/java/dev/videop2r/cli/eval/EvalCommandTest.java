package dev.videop2r.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The eval commands end to end, against the core module's fixtures and a fake chat endpoint on loopback. */
class EvalCommandTest {

  /** Surefire runs in the module directory; the fixtures live in the core module's test resources. */
  private static final Path FIXTURES = Path.of("..", "evaluation", "src", "test", "resources", "evaluation");

  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  @Test
  void scorePrintsHeadlineBreakdownsAndCounts() {
    Result r = run("eval", "score", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
        "--predictions", fixture("videomme-predictions.jsonl"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("videomme: 50.00  (accuracy over all items; rules video-r1, extraction video-r1)"),
        r.out());
    assertTrue(r.out().contains("    short                                      50.00  (n=2)"), r.out());
    assertTrue(r.out().contains("predictions with unknown ids 1"), r.out());

    Result official = run("eval", "score", "--bench", "Video-MME", "--rules", "official", "--annotations",
        fixture("videomme-videor1.json"), "--predictions", fixture("videomme-predictions.jsonl"));
    assertTrue(official.out().startsWith("videomme: 75.00"), official.out());
  }

  @Test
  void vsiScoreLabelsBothOverallFormulas() {
    Result r = run("eval", "score", "--bench", "vsibench", "--annotations", fixture("vsibench-videor1.json"),
        "--predictions", fixture("vsibench-predictions.jsonl"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("vsibench: 48.75  (video-r1: (mean_acc + mean_mra) / 2;"), r.out());
    assertTrue(r.out().contains("official: mean of the 8 task scores"), r.out());
    assertTrue(r.out().contains("malformed annotation records 2"), r.out());
  }

  @Test
  void badFlagsAreClearErrors() {
    Result r = run("eval", "score", "--bench", "nosuch", "--annotations", fixture("vsibench-videor1.json"),
        "--predictions", fixture("vsibench-predictions.jsonl"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("'nosuch' is not one of vsibench, videommmu"), r.err());
    Result noMedia = run("eval", "run", "--bench", "mmvu", "--annotations", fixture("mmvu-validation.json"),
        "--media-root", dir.resolve("nowhere").toString(), "--endpoint", "http://127.0.0.1:9/v1",
        "--endpoint-model", "m", "--out", dir.resolve("r").toString());
    assertEquals(2, noMedia.exit());
    assertTrue(noMedia.err().contains("--media-root " + dir.resolve("nowhere") + " is not a directory"), noMedia.err());
    Result missing = run("eval", "score", "--bench", "mmvu", "--annotations", dir.resolve("none.json").toString(),
        "--predictions", fixture("vsibench-predictions.jsonl"));
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("annotations not found"), missing.err());
  }

  @Test
  void modelSourceMistakesSayWhatToGiveInstead() {
    String[] common = {"eval", "run", "--bench", "mmvu", "--annotations", fixture("mmvu-validation.json"),
        "--condition", "text", "--out", dir.resolve("r").toString()};
    Result adapterOnEndpoint = run(with(common, "--endpoint", "http://127.0.0.1:9/v1", "--endpoint-model", "m",
        "--adapter", dir.toString()));
    assertEquals(2, adapterOnEndpoint.exit());
    assertTrue(adapterOnEndpoint.err().contains("error: --adapter apply to a local --model only; with --endpoint the"
        + " server holds the weights"), adapterOnEndpoint.err());
    assertTrue(adapterOnEndpoint.err().contains("--endpoint-model NAME"), adapterOnEndpoint.err());
    Result both = run(with(common, "--endpoint", "http://127.0.0.1:9/v1", "--model", dir.toString()));
    assertTrue(both.err().contains("error: give either --model DIR (a local checkpoint) or --endpoint URL"),
        both.err());
    Result neither = run(common);
    assertTrue(neither.err().contains("error: give --model DIR (a local checkpoint) or --endpoint URL"),
        neither.err());
    Result adapterAlone = run(with(common, "--adapter", dir.toString(), "--device", "cpu"));
    assertTrue(adapterAlone.err().contains("error: --adapter, --device need --model DIR, the local base checkpoint"),
        adapterAlone.err());
    for (Result r : new Result[] {both, neither, adapterAlone}) {
      assertEquals(2, r.exit());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  private static String[] with(String[] common, String... more) {
    String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }

  @Test
  void workersSendThatManyRequestsAtOnce() throws IOException {
    try (FakeChatServer server = new FakeChatServer(prompt -> {
      try {
        Thread.sleep(300); // long enough for the other workers' requests to arrive meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "<think>So B.</think><answer>B</answer>";
    })) {
      Result r = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--endpoint", server.baseUrl(), "--endpoint-model", "fake", "--condition", "text", "--prompt", "video-r1",
          "--out", dir.resolve("workers").toString(), "--workers", "4");
      assertEquals(0, r.exit(), r.err());
      assertEquals(4, server.prompts.size());
      assertTrue(server.maxInFlight.get() >= 3, "at most " + server.maxInFlight.get() + " requests at once");
    }
  }

  @Test
  void runAgainstAnEndpointResumesThenTablesAndMismatch() throws IOException {
    try (FakeChatServer server = new FakeChatServer(prompt -> prompt.contains("color of the car")
        ? "<think>The car is red, so the answer is A.</think><answer>B</answer>"
        : "<think>So the answer is B.</think><answer>B</answer>")) {
      Path out = dir.resolve("qwen-text");
      String[] args = {"eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--endpoint", server.baseUrl(), "--endpoint-model", "fake", "--condition", "text", "--prompt", "video-r1",
          "--out", out.toString(), "--label", "Qwen text"};
      Result first = run(args);
      assertEquals(0, first.exit(), first.err());
      // Golds C, A, B, D; the model always answers B: 901 only.
      assertTrue(first.out().startsWith("videomme: 25.00"), first.out());
      assertEquals(4, server.prompts.size());
      assertTrue(server.prompts.get(0).contains("Options:\nA. Apples.\n"), server.prompts.get(0));
      assertEquals(4, Files.readAllLines(out.resolve("predictions.jsonl")).size());

      Result again = run(args);
      assertEquals(0, again.exit(), again.err());
      assertEquals(4, server.prompts.size(), "a resumed run asks nothing already journaled");
      assertTrue(again.err().contains("4 already journaled, 0 answered now"), again.err());

      JsonNode score = new ObjectMapper().readTree(out.resolve("score.json").toFile());
      assertEquals(25.0, score.path("headline").asDouble(), 1e-9);

      Result table = run("eval", "table", dir.toString());
      assertEquals(0, table.exit(), table.err());
      assertTrue(table.out().contains("| Qwen text | –    | –         | –    | –    | –   | –        | 25.0     | 25.0 (1/7) |"),
          table.out());

      Result mismatch = run("eval", "mismatch", out.toString());
      assertEquals(0, mismatch.exit(), mismatch.err());
      // Item 2's reasoning implies A but answers B: 1 of 4 judged.
      assertTrue(mismatch.out().contains("videomme: 25.0% (1 of 4 judged"), mismatch.out());
      Result table6 = run("eval", "table", "--mismatch", out.toString());
      assertTrue(table6.out().contains("25.0 (1/7)"), table6.out());

      // An LLM judge through the remote client: it reads every reasoning as implying A; all answers are B.
      try (FakeChatServer judge = new FakeChatServer(prompt -> "A")) {
        Result llm = run("eval", "mismatch", "--judge", "openai", "--judge-url", judge.baseUrl(), "--judge-model",
            "fake-judge", out.toString());
        assertEquals(0, llm.exit(), llm.err());
        assertTrue(llm.out().contains("videomme: 100.0% (4 of 4 judged"), llm.out());
        assertTrue(judge.prompts.get(0).contains("Reasoning:\nSo the answer is B."), judge.prompts.get(0));
      }
    }
  }

  @Test
  void aRunDirectoryWithOtherSettingsIsRefused() throws IOException {
    try (FakeChatServer server = new FakeChatServer(prompt -> "<answer>B</answer>")) {
      Path out = dir.resolve("run");
      Result first = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--endpoint", server.baseUrl(), "--endpoint-model", "fake", "--condition", "text", "--out", out.toString(),
          "--limit", "1");
      assertEquals(0, first.exit(), first.err());
      Result other = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--endpoint", server.baseUrl(), "--endpoint-model", "fake", "--condition", "text", "--out", out.toString(),
          "--frames", "16");
      assertEquals(2, other.exit());
      assertTrue(other.err().contains("holds a run with other settings"), other.err());
    }
  }

  @Test
  void perceptionRunGivesAnotherModelsObservationsAndCountsItemsWithout() throws IOException {
    Path observer = dir.resolve("observer.jsonl");
    Files.writeString(observer, """
        {"problem_id": 1, "output": "<observation>Most decorations are berries.</observation><think>t</think><answer>C</answer>"}
        {"problem_id": 2, "output": "<think>no observation here</think><answer>A</answer>"}
        """);
    try (FakeChatServer server = new FakeChatServer(
        prompt -> prompt.contains("Most decorations are berries.") ? "<answer>C</answer>" : "<answer>A</answer>")) {
      Path out = dir.resolve("text-obs");
      Result r = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--endpoint", server.baseUrl(), "--endpoint-model", "fake", "--condition", "text+obs",
          "--observations", observer.toString(), "--out", out.toString(), "--limit", "2");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.err().contains("observations: 1 of 2 outputs"), r.err());
      // Item 1 answered C from the observation (right); item 2 has no observation: failed, counted, wrong.
      assertTrue(r.out().startsWith("videomme: 50.00"), r.out());
      assertTrue(r.out().contains("scored 1, missing 0, failed 1"), r.out());
      assertEquals(1, server.prompts.size());

      Result noObservations = run("eval", "run", "--bench", "videomme", "--annotations",
          fixture("videomme-videor1.json"), "--endpoint", server.baseUrl(), "--endpoint-model", "fake",
          "--condition", "text+obs", "--out", dir.resolve("x").toString());
      assertEquals(2, noObservations.exit());
      assertTrue(noObservations.err().contains("needs --observations FILE"), noObservations.err());
    }
  }

  @Test
  void importedPredictionsBecomeARunForTheTable() {
    Path out = dir.resolve("runs").resolve("video-r1-mme");
    Result r = run("eval", "score", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
        "--predictions", fixture("videomme-predictions.jsonl"), "--out", out.toString(), "--label", "Video-R1");
    assertEquals(0, r.exit(), r.err());
    Path vsi = dir.resolve("runs").resolve("video-r1-vsi");
    assertEquals(0, run("eval", "score", "--bench", "vsibench", "--annotations", fixture("vsibench-videor1.json"),
        "--predictions", fixture("vsibench-predictions.jsonl"), "--out", vsi.toString(), "--label", "Video-R1").exit());
    Result table = run("eval", "table", dir.resolve("runs").toString());
    assertEquals(0, table.exit(), table.err());
    // One row: VSI 48.75 (shown 48.8), Video-MME 50.0; mean 49.375.
    assertTrue(table.out().contains("| Video-R1 | 48.8 | –         | –    | –    | –   | –        | 50.0     | 49.4 (2/7) |"),
        table.out());
    Result table7 = run("eval", "table", "--difficulty", dir.resolve("runs").toString());
    assertEquals(0, table7.exit(), table7.err());
    assertTrue(table7.out().contains("| Video-R1 | 50.00 | 0.00   | 100.00 | –        | –         | –     |"),
        table7.out());
  }

  @Test
  void videoRunSendsSampledFramesAndCountsMissingVideos() throws IOException {
    Path media = dir.resolve("media");
    TinyVideos.write(media.resolve("VideoMME").resolve("fFjv93ACGo8.mp4"));
    try (FakeChatServer server = new FakeChatServer(prompt -> "<answer>C</answer>")) {
      Result r = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--media-root", media.toString(), "--endpoint", server.baseUrl(), "--endpoint-model", "fake",
          "--max-pixels", String.valueOf(TinyVideos.PIXELS), "--out", dir.resolve("video").toString(),
          "--limit", "3", "--workers", "2");
      assertEquals(0, r.exit(), r.err());
      // Items 1 and 2 share the clip (2 s at fps 2: 4 frames); 901's abc.mp4 is absent.
      assertEquals(java.util.List.of(4, 4), server.videoFrameCounts);
      assertTrue(r.out().contains("failed 1"), r.out());
      assertTrue(r.out().contains("video not found: './Evaluation/VideoMME/abc.mp4'"), r.out());
      assertTrue(r.out().startsWith("videomme: 33.33"), r.out());
    }
    try (FakeChatServer server = new FakeChatServer(prompt -> "<answer>C</answer>")) {
      Result r = run("eval", "run", "--bench", "videomme", "--annotations", fixture("videomme-videor1.json"),
          "--media-root", media.toString(), "--endpoint", server.baseUrl(), "--endpoint-model", "fake",
          "--max-pixels", String.valueOf(TinyVideos.PIXELS), "--out", dir.resolve("video-images").toString(),
          "--limit", "1", "--video-as", "images");
      assertEquals(0, r.exit(), r.err());
      assertEquals(java.util.List.of(4), server.imageCounts, "servers without video input get the frames as images");
      assertEquals(java.util.List.of(0), server.videoFrameCounts);
    }
  }
}
