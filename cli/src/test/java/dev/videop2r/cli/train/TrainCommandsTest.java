package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.Main;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.data.ProblemType;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.template.Prompts;
import dev.videop2r.video.Mp4Writer;
import dev.videop2r.video.RgbFrame;
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
 * sft, rl and plot end to end on real MP4 clips (FFmpeg decoding, Qwen patchify, the vision tower in the training
 * forward) with a tiny random Qwen2.5-VL and a word-level tokenizer.
 */
class TrainCommandsTest {
  private static final String[] COLOURS = {"red", "blue"};
  @TempDir static Path dir;

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

  private static String response(int k) {
    return "<observation>The " + COLOURS[k] + " square moves left.</observation>\n<think>It moves left.</think>\n"
        + "<answer>A</answer>";
  }

  private static String problem(int k) {
    return "Where does the " + COLOURS[k] + " square go?";
  }

  @BeforeAll
  static void world() throws Exception {
    Path media = Files.createDirectories(dir.resolve("media"));
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    WordLevelTokenizerBuilder vocab = new WordLevelTokenizerBuilder()
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant");
    for (int k = 0; k < 2; k++) {
      List<RgbFrame> frames = new ArrayList<>();
      for (int f = 0; f < 4; f++) {
        byte[] rgb = new byte[56 * 56 * 3];
        for (int i = 0; i < 56 * 56; i++) {
          rgb[3 * i + k] = (byte) (i % 56 < 56 - 12 * f ? 200 : 20);
        }
        frames.add(new RgbFrame(56, 56, rgb));
      }
      new Mp4Writer().write(media.resolve("v" + k + ".mp4"), frames, 2.0);
      ObjectNode r = json.createObjectNode();
      r.put("problem_id", k).put("problem", problem(k)).put("data_type", "video")
          .put("problem_type", "multiple choice").put("solution", "<answer>A</answer>").put("path", "v" + k + ".mp4")
          .put("data_source", "synthetic").put("output", response(k));
      r.putArray("options").add("A. left").add("B. right");
      r.putArray("facts").add("The " + COLOURS[k] + " square moves left.");
      lines.add(json.writeValueAsString(r));
      vocab.addText(response(k))
          .addText(Prompts.processAware(ProblemType.MULTIPLE_CHOICE, problem(k), List.of("A. left", "B. right")));
    }
    Files.write(dir.resolve("data.jsonl"), lines);
    Path base = Files.createDirectories(dir.resolve("base"));
    Map<String, Integer> ids = vocab.write(base.resolve("tokenizer.json"));
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(new TinyQwen(32, 2, 4, 2, 48, 1, 16, 2, 24).config(ids), 3, m)) {
      model.save(base);
    }
  }

  private static String[] common(String... more) {
    List<String> a = new ArrayList<>(List.of("--data", dir.resolve("data.jsonl").toString(), "--media-root",
        dir.resolve("media").toString(), "--frames", "4", "--max-pixels", "3136"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }

  @Test
  void sftThenRlThenPlotOnRealClips() throws Exception {
    Path sftOut = dir.resolve("runs/sft");
    String[] sft = concat(new String[] {"sft", "--model", dir.resolve("base").toString()},
        common("--out", sftOut.toString(), "--max-steps", "2", "--batch-size", "2", "--grad-accum", "1",
            "--lr", "1e-3", "--save-every", "1"));
    Run first = run(sft);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("sft: 2 steps"), first.out());
    assertTrue(Files.exists(sftOut.resolve("model/config.json")) && Files.exists(sftOut.resolve("model/tokenizer.json")));
    assertTrue(Files.exists(sftOut.resolve("plots/loss.png")));

    Run again = run(sft);
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("--resume"), again.err());
    Run resumed = run(concat(sft, "--resume"));
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(2, Files.readAllLines(sftOut.resolve("metrics.jsonl")).size(), "a finished run trains no more");

    Path rlOut = dir.resolve("runs/rl");
    Run rl = run(concat(new String[] {"rl", "--model", sftOut.resolve("model").toString()},
        common("--out", rlOut.toString(), "--algo", "pa-grpo", "--steps", "1", "--prompts-per-step", "1",
            "--group-size", "2", "--max-new-tokens", "6", "--lr", "1e-4")));
    assertEquals(0, rl.exit(), rl.err());
    assertTrue(rl.out().contains("rl: 1 optimizer steps"), rl.out());
    assertEquals(1, Files.readAllLines(rlOut.resolve("metrics.jsonl")).size());

    Run plot = run("plot", rlOut.toString());
    assertEquals(0, plot.exit(), plot.err());
    assertTrue(plot.out().contains("time_split.png"), plot.out());
  }

  @Test
  void badFlagsAreClearErrors() {
    Run ablate = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad").toString(), "--ablate", "no-such-thing")));
    assertEquals(2, ablate.exit());
    assertTrue(ablate.err().contains("--ablate: unknown value 'no-such-thing'"), ablate.err());
    Run judge = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad2").toString(), "--judge", "openai", "--judge-model", "m")));
    assertEquals(2, judge.exit());
    assertTrue(judge.err().contains("--judge openai needs --judge-url"), judge.err());
    Run plot = run("plot", dir.toString());
    assertEquals(2, plot.exit());
    assertTrue(plot.err().contains("no metrics.jsonl"), plot.err());
  }
}
