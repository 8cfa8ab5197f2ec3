package dev.videop2r.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.Main;
import dev.videop2r.cli.StartupLines;
import dev.videop2r.evaluation.AnnotationFormat;
import dev.videop2r.evaluation.AnnotationLoader;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.Prediction;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.PromptStyle;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.testkit.SampleRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code videop2r serve} started as the command (free loopback port) on a tiny random Qwen2.5-VL, then
 * {@code eval run --endpoint} and {@code cot generate --teacher-url} pointed at it: the commands that talk to
 * OpenAI-compatible servers run end to end against ours.
 */
class ServeEndpointTest {
  private static final Path FIXTURES = Path.of("..", "evaluation", "src", "test", "resources", "evaluation");

  @TempDir static Path dir;
  static Path model;
  static Thread serving;
  static String baseUrl;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void serve() throws Exception {
    model = dir.resolve("tiny");
    Files.createDirectories(model);
    WordLevelTokenizerBuilder words = new WordLevelTokenizerBuilder().addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT);
    AnnotationLoader.load(Benchmark.VIDEO_MME, FIXTURES.resolve("videomme-videor1.json"), AnnotationFormat.AUTO)
        .items().forEach(item -> words.addText(PromptStyle.VIDEO_R1.prompt(item)));
    Map<String, Integer> vocab = words.write(model.resolve("tokenizer.json"));
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel random = QwenVLModel.init(new TinyQwen(32, 2, 4, 2, 48, 1, 16, 2, 24).config(vocab), 7, m)) {
      random.save(model);
    }
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    String pixels = String.valueOf(TinyVideos.PIXELS);
    serving = Thread.ofPlatform().start(() -> cli.execute("serve", "--model", model.toString(), "--served-model-name",
        "tiny", "--port", "0", "--max-pixels", pixels, "--min-pixels", pixels, "--max-tokens", "64",
        "--device", "cpu"));
    Pattern url = Pattern.compile("at (http://\\S+/v1)");
    for (int i = 0; i < 600 && baseUrl == null; i++) {
      Matcher m = url.matcher(out.toString());
      if (m.find()) {
        baseUrl = m.group(1);
      } else {
        Thread.sleep(100);
      }
    }
    assertTrue(baseUrl != null && baseUrl.startsWith("http://127.0.0.1:"), "serve printed: " + out);
    StartupLines.assertOnce(err.toString(), "cpu", "float32");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    serving.interrupt();
    serving.join(30_000);
  }

  @Test
  void evalRunThroughServeAnswersAsTheLocalModelDoes() {
    List<String> common = List.of("eval", "run", "--bench", "videomme", "--annotations",
        FIXTURES.resolve("videomme-videor1.json").toString(), "--condition", "text", "--prompt", "video-r1",
        "--max-new-tokens", "6", "--limit", "3");
    List<String> local = new ArrayList<>(common);
    local.addAll(List.of("--model", model.toString(), "--out", dir.resolve("local").toString()));
    List<String> remote = new ArrayList<>(common);
    remote.addAll(List.of("--endpoint", baseUrl, "--endpoint-model", "tiny", "--out", dir.resolve("remote").toString()));
    Run l = run(local.toArray(String[]::new));
    Run r = run(remote.toArray(String[]::new));
    assertEquals(0, l.exit(), l.err());
    assertEquals(0, r.exit(), r.err());
    Map<String, Prediction> expected = PredictionJournal.read(dir.resolve("local/predictions.jsonl")).predictions();
    Map<String, Prediction> served = PredictionJournal.read(dir.resolve("remote/predictions.jsonl")).predictions();
    assertEquals(3, served.size());
    for (String id : expected.keySet()) {
      assertFalse(served.get(id).failed(), served.get(id).toString());
      assertEquals(expected.get(id).output(), served.get(id).output(), "item " + id);
    }
  }

  @Test
  void evalRunSendsTheVideoToServe() throws IOException {
    Path media = dir.resolve("media");
    TinyVideos.write(media.resolve("fFjv93ACGo8.mp4"));
    Run r = run("eval", "run", "--bench", "videomme", "--annotations",
        FIXTURES.resolve("videomme-videor1.json").toString(), "--endpoint", baseUrl, "--endpoint-model", "tiny",
        "--media-root", media.toString(), "--max-pixels", String.valueOf(TinyVideos.PIXELS), "--max-new-tokens", "4",
        "--limit", "1", "--out", dir.resolve("video").toString());
    assertEquals(0, r.exit(), r.err());
    Prediction p = PredictionJournal.read(dir.resolve("video/predictions.jsonl")).predictions().get("1");
    assertFalse(p.failed(), p.toString());
  }

  @Test
  void cotGenerateUsesServeAsItsTeacher() throws IOException {
    Path media = dir.resolve("cot-media");
    List<ObjectNode> records = SampleRecords.records(3);
    for (ObjectNode r : records) {
      long id = r.get("problem_id").asLong();
      TinyVideos.write(media.resolve(id + ".mp4"));
      r.put("data_type", "video").put("path", id + ".mp4");
    }
    Path input = SampleRecords.writeArray(dir.resolve("cot-in.json"), records);
    Run r = run("cot", "generate", "--input", input.toString(), "--media-root", media.toString(), "--out",
        dir.resolve("cot").toString(), "--teacher-url", baseUrl, "--teacher-model", "tiny", "--teacher-max-tokens",
        "16", "--max-pixels", String.valueOf(TinyVideos.PIXELS), "--concurrency", "3");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("ran 3 of 3"), r.out());
    String fates = Files.readString(dir.resolve("cot/dataset/fates.jsonl"));
    assertEquals(3, fates.lines().count(), fates);
    assertFalse(fates.contains("\"fate\":\"errored\""), fates);
  }
}
