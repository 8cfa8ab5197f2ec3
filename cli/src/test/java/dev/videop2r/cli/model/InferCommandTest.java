package dev.videop2r.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.Main;
import dev.videop2r.cli.StartupLines;
import dev.videop2r.testkit.TestData;
import dev.videop2r.data.ProblemType;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.template.Prompts;
import dev.videop2r.video.Mp4Writer;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
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

/**
 * {@code videop2r infer} end to end on a tiny random Qwen2.5-VL (tiny-a's shape) with a word-level tokenizer and
 * a real MP4: the answer is noise, the chain (decode, patchify, template, prefill with the video, streaming
 * decode) is what is checked.
 */
class InferCommandTest {

  private static final String QUESTION = "Which way does the red circle move?";

  @TempDir static Path dir;
  private static Path model;
  private static Path video;

  @BeforeAll
  static void fixtures() throws IOException {
    model = dir.resolve("tiny");
    Files.createDirectories(model);
    Map<String, Integer> vocab = new WordLevelTokenizerBuilder()
        .addText(Prompts.processAware(ProblemType.FREE_FORM, QUESTION, List.of()))
        .write(model.resolve("tokenizer.json"));
    ObjectNode config = (ObjectNode) new ObjectMapper()
        .readTree(TestData.golden("qwen25vl-tiny-a").resolve("config.json").toFile());
    config.put("vocab_size", vocab.size());
    WordLevelTokenizerBuilder.configTokenIds(vocab).forEach(config::put);
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel random = QwenVLModel.init(QwenConfig.parse(config.toString(), "tiny"), 3, manager)) {
      random.save(model);
    }
    video = dir.resolve("clip.mp4");
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      byte[] rgb = new byte[84 * 56 * 3];
      for (int i = 0; i < rgb.length; i += 3) {
        int x = (i / 3) % 84;
        rgb[i] = (byte) (Math.abs(x - 10 * f) < 8 ? 220 : 30);
        rgb[i + 1] = 40;
        rgb[i + 2] = (byte) (20 * f);
      }
      frames.add(new RgbFrame(84, 56, rgb));
    }
    new Mp4Writer().write(video, frames, 4.0);
  }

  private record Run(int exit, String out, String err) {}

  private static Run infer(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("infer"));
    all.addAll(List.of(args));
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @Test
  void streamsAGreedyResponseFromTheVideo() {
    String[] args = {"--model", model.toString(), "--video", video.toString(), "--question", QUESTION,
        "--frames", "4", "--max-pixels", "4704", "--max-new-tokens", "6"};
    Run first = infer(args);
    assertEquals(0, first.exit(), first.err());
    StartupLines.assertOnce(first.err(), "cpu", "float32");
    assertFalse(first.out().isBlank(), "a response was printed");
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(model)) {
      int tokens = tokenizer.encodeIds(first.out().stripTrailing()).length;
      assertTrue(tokens >= 1 && tokens <= 6, "at most --max-new-tokens tokens printed, got " + tokens);
    }
    if (first.err().lines().count() > 1) {
      assertTrue(first.err().contains("stopped at --max-new-tokens 6"), first.err());
    }
    assertEquals(first, infer(args), "greedy decoding is deterministic");
  }

  @Test
  void samplingIsSeeded() {
    String[] args = {"--model", model.toString(), "--video", video.toString(), "--question", QUESTION,
        "--frames", "4", "--max-pixels", "4704", "--max-new-tokens", "5", "--temperature", "1.0", "--seed", "9"};
    Run first = infer(args);
    assertEquals(0, first.exit(), first.err());
    assertEquals(first, infer(args));
  }

  @Test
  void badFlagsAreNamed() {
    Run missingVideo = infer("--model", model.toString(), "--video", dir.resolve("nope.mp4").toString(),
        "--question", "x");
    assertEquals(2, missingVideo.exit());
    assertTrue(missingVideo.err().contains("--video"), missingVideo.err());
    Run noTokenizer = infer("--model", dir.toString(), "--video", video.toString(), "--question", "x");
    assertEquals(2, noTokenizer.exit());
    assertTrue(noTokenizer.err().contains("config.json") || noTokenizer.err().contains("tokenizer.json"),
        noTokenizer.err());
    Run badType = infer("--model", model.toString(), "--video", video.toString(), "--question", "x",
        "--problem-type", "essay");
    assertEquals(2, badType.exit());
    assertTrue(badType.err().contains("essay"), badType.err());
  }
}
