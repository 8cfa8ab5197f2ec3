package dev.videop2r.cli.eval;

import dev.videop2r.cli.StartupLines;
import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.Main;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.model.device.ComputeDevice;
import dev.videop2r.evaluation.AnnotationFormat;
import dev.videop2r.evaluation.AnnotationLoader;
import dev.videop2r.evaluation.AnswerRequest;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.EvalItem;
import dev.videop2r.evaluation.Prediction;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.PromptStyle;
import dev.videop2r.evaluation.VideoSampling;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eval run --model DIR} through the real local chain (checkpoint load, HF tokenizer, chat template,
 * generator) on a tiny random Qwen2.5-VL with a word-level tokenizer: the outputs are noise, the plumbing is
 * what is checked.
 */
class LocalModelEvalTest {

  private static final Path FIXTURES = Path.of("..", "evaluation", "src", "test", "resources", "evaluation");

  @TempDir Path dir;

  private Path tinyModel() throws IOException {
    Path model = dir.resolve("tiny");
    Files.createDirectories(model);
    WordLevelTokenizerBuilder words = new WordLevelTokenizerBuilder();
    AnnotationLoader.load(Benchmark.VIDEO_MME, FIXTURES.resolve("videomme-videor1.json"), AnnotationFormat.AUTO)
        .items().forEach(item -> words.addText(PromptStyle.VIDEO_R1.prompt(item)));
    Map<String, Integer> vocab = words.write(model.resolve("tokenizer.json"));

    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(TestData.golden("qwen25vl-tiny-a").resolve("config.json").toFile());
    config.put("vocab_size", vocab.size())
        .put("bos_token_id", vocab.get("<|endoftext|>"))
        .put("eos_token_id", vocab.get("<|im_end|>"))
        .put("vision_start_token_id", vocab.get("<|vision_start|>"))
        .put("vision_end_token_id", vocab.get("<|vision_end|>"))
        .put("vision_token_id", vocab.get("<|vision_pad|>"))
        .put("image_token_id", vocab.get("<|image_pad|>"))
        .put("video_token_id", vocab.get("<|video_pad|>"));
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel random = QwenVLModel.init(QwenConfig.parse(config.toString(), "tiny"), 7, manager)) {
      random.save(model);
    }
    return model;
  }

  @Test
  void aLocalCheckpointAnswersEveryItemOfATextRun() throws IOException {
    Path model = tinyModel();
    Path out = dir.resolve("run");
    CommandLine cli = Main.commandLine();
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(stderr, true));
    int exit = cli.execute("eval", "run", "--bench", "videomme", "--annotations",
        FIXTURES.resolve("videomme-videor1.json").toString(), "--model", model.toString(), "--condition", "text",
        "--prompt", "video-r1", "--max-new-tokens", "6", "--limit", "3", "--batch", "2", "--out", out.toString());
    assertEquals(0, exit, stderr.toString());
    StartupLines.assertOnce(stderr.toString(), "cpu", "float32");
    Map<String, Prediction> predictions = PredictionJournal.read(out.resolve("predictions.jsonl")).predictions();
    assertEquals(3, predictions.size());
    predictions.values().forEach(p -> assertFalse(p.failed(), p.toString()));
    assertTrue(Files.readString(out.resolve("run.json")).contains("\"model\" : \"local:"), "run.json names the model");
    assertTrue(stdout.toString().startsWith("videomme: "), stdout.toString());
  }

  @Test
  void theRecordedModelNamesTheAdapterSoAResumeWithAnotherOneIsRefused() {
    Path base = Path.of("runs/sft/model");
    String plain = LocalAnswerModel.describe(base, null);
    String adapted = LocalAnswerModel.describe(base, Path.of("runs/rl/adapter"));
    assertEquals("local:" + base.toAbsolutePath().normalize(), plain);
    assertEquals(plain + " adapter:" + Path.of("runs/rl/adapter").toAbsolutePath().normalize(), adapted);
    assertNotEquals(adapted, LocalAnswerModel.describe(base, Path.of("runs/rl-other/adapter")));
  }

  @Test
  void aLocalCheckpointSeesTheVideoThroughTheVisionTower() throws IOException {
    Path model = tinyModel();
    Path media = dir.resolve("media");
    TinyVideos.write(media.resolve("fFjv93ACGo8.mp4"));
    Path out = dir.resolve("video-run");
    CommandLine cli = Main.commandLine();
    StringWriter stderr = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(stderr, true));
    int exit = cli.execute("eval", "run", "--bench", "videomme", "--annotations",
        FIXTURES.resolve("videomme-videor1.json").toString(), "--model", model.toString(), "--media-root",
        media.toString(), "--max-pixels", String.valueOf(TinyVideos.PIXELS), "--max-new-tokens", "4",
        "--limit", "1", "--out", out.toString());
    assertEquals(0, exit, stderr.toString());
    Prediction p = PredictionJournal.read(out.resolve("predictions.jsonl")).predictions().get("1");
    assertFalse(p.failed(), p.toString());
  }

  @Test
  void aGreedyBatchAnswersAsTheItemsDoAlone() throws Exception {
    Path model = tinyModel();
    Path video = TinyVideos.write(dir.resolve("clip.mp4"));
    List<EvalItem> items = AnnotationLoader.load(Benchmark.VIDEO_MME, FIXTURES.resolve("videomme-videor1.json"),
        AnnotationFormat.AUTO).items();
    VideoSampling sampling = new VideoSampling(32, TinyVideos.PIXELS);
    List<AnswerRequest> requests = List.of(
        new AnswerRequest("1", PromptStyle.VIDEO_R1.prompt(items.get(0)), Optional.of(video), sampling),
        new AnswerRequest("901", PromptStyle.VIDEO_R1.prompt(items.get(2)), Optional.empty(), sampling));
    FrameRequest frames = new FrameRequest(32, 2.0, TinyVideos.PIXELS, TinyVideos.PIXELS);
    try (LocalAnswerModel local =
        LocalAnswerModel.open(model, null, DataType.FLOAT32, ComputeDevice.CPU, frames, new Decoding(8, 0, 1))) {
      List<String> together = local.answerBatch(requests);
      assertEquals(List.of(local.answer(requests.get(0)), local.answer(requests.get(1))), together);
    }
  }
}
