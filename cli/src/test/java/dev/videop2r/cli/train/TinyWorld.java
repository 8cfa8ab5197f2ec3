package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.ProblemType;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.template.Prompts;
import dev.videop2r.video.Mp4Writer;
import dev.videop2r.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tiny training world on real MP4 clips: the records, the clips and a random tiny Qwen2.5-VL with its tokenizer. */
final class TinyWorld {
  private static final String[] COLOURS = {"red", "blue"};

  private TinyWorld() {}

  private static String response(int k) {
    return "<observation>The " + COLOURS[k] + " square moves left.</observation>\n<think>It moves left.</think>\n"
        + "<answer>A</answer>";
  }

  private static String problem(int k) {
    return "Where does the " + COLOURS[k] + " square go?";
  }

  /** Two 4-frame clips, their CoT records in dir/data.jsonl and a random tiny model in dir/base. */
  static void write(Path dir) throws Exception {
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

  /** The data, media and frame flags of every training command on this world, then {@code more}. */
  static String[] common(Path dir, String... more) {
    List<String> a = new ArrayList<>(List.of("--data", dir.resolve("data.jsonl").toString(), "--media-root",
        dir.resolve("media").toString(), "--frames", "4", "--max-pixels", "3136"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }
}
