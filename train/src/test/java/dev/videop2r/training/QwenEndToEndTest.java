package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.CotTrace;
import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.template.Prompts;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.loop.MetricsLog;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import dev.videop2r.training.rl.CoreRolloutScorer;
import dev.videop2r.training.rl.EmbeddedRolloutEngine;
import dev.videop2r.training.rl.RlSpec;
import dev.videop2r.training.rl.RlTrainer;
import dev.videop2r.training.rl.RolloutEngine;
import dev.videop2r.training.rl.TemplateSegmentLabeler;
import dev.videop2r.training.sft.SftSpec;
import dev.videop2r.training.sft.SftTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both trainers on the real Qwen2.5-VL port (a tiny random config), the real word-level HF tokenizer, chat
 * template, generator, template parser, rewards and synthetic judge: text-only samples, a few steps each.
 */
class QwenEndToEndTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  private static List<Sample> samples() {
    String[] colours = {"red", "blue", "green", "yellow"};
    List<Sample> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      String fact = "The " + colours[k] + " circle moves left.";
      String response = "<observation>" + fact + "</observation>\n<think>It moves left.</think>\n<answer>A</answer>";
      out.add(new Sample(k, "Where does the " + colours[k] + " circle go?", DataType.VIDEO,
          ProblemType.MULTIPLE_CHOICE, List.of("A. left", "B. right"), "<answer>A</answer>", "v" + k + ".mp4",
          "synthetic", List.of(fact), "It moves left.", new CotTrace(null, null, response, "A", 1.0, true, null)));
    }
    return out;
  }

  private static HfTextTokenizer tokenizer(Path dir, List<Sample> samples) {
    WordLevelTokenizerBuilder b = new WordLevelTokenizerBuilder()
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant");
    for (Sample s : samples) {
      b.addText(s.trace().output()).addText(Prompts.processAware(s.problemType(), s.problem(), s.options()));
    }
    Path file = dir.resolve("tokenizer.json");
    b.write(file);
    return HfTextTokenizer.load(file);
  }

  @Test
  void sftThenPaGrpoRunOnTheRealModelAndRolloutLogProbsMatchTheTrainingForward(@TempDir Path dir) {
    List<Sample> samples = samples();
    try (NDManager m = NDManager.newBaseManager();
        HfTextTokenizer tok = tokenizer(dir, samples);
        QwenVLModel policy = QwenVLModel.init(new TinyQwen(32, 2, 4, 2, 48, 1, 16, 2, 24).config(tok), 3, m)) {
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tok), null);
      OptimizerConfig o = new OptimizerConfig(3e-3, LearningRateSchedule.Kind.CONSTANT, 0, 0.0, 0.9, 0.999, 1e-8,
          5.0, 1, 100, 1);
      SftTrainer.Result sft = new SftTrainer(policy, SftSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o),
          Map.entry("batchSize", 2), Map.entry("gradientAccumulation", 1), Map.entry("maxSteps", 30))),
          tok.specialTokens().pad())
          .train(samples, encoder, dir.resolve("sft"), false, QUIET);
      List<JsonNode> sftRows = MetricsLog.read(dir.resolve("sft/metrics.jsonl"));
      double first = sftRows.get(0).path("loss").asDouble();
      assertTrue(sft.lastLoss() < first / 2, "SFT loss " + first + " -> " + sft.lastLoss());

      Path sftModel = dir.resolve("sft-model");
      policy.save(sftModel);
      try (QwenVLModel reference = QwenVLModel.load(sftModel, m, ai.djl.ndarray.types.DataType.FLOAT32)) {
        RlSpec rl = RlSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o), Map.entry("optimizer.learningRate", 1e-3),
            Map.entry("steps", 1), Map.entry("promptsPerStep", 1), Map.entry("groupSize", 4),
            Map.entry("sampling", new RolloutEngine.Sampling(1.0, 1.0, 16)), Map.entry("microBatch", 4),
            Map.entry("judge.concurrency", 4)));
        RlTrainer.Parts parts = new RlTrainer.Parts(policy, reference,
            new EmbeddedRolloutEngine(new Generator(policy, m, tok.specialTokens().pad()), tok.specialTokens().eos()),
            encoder, TemplateSegmentLabeler.forTokenizer(tok, ResponseParser.lenient()),
            new CoreRolloutScorer(rl.reward(), rl.objective()), new SyntheticJudge(),
            tok.specialTokens().pad());
        new RlTrainer(parts, rl).train(samples, dir.resolve("rl"), false, QUIET);
      }
      List<JsonNode> rows = MetricsLog.read(dir.resolve("rl/metrics.jsonl"));
      assertEquals(1, rows.size());
      for (JsonNode row : rows) {
        // The generator's π_old and the trainer's recomputed log-probs agree (float32 noise only).
        assertTrue(row.path("logp_mismatch").asDouble() < 1e-4, row.toString());
        assertEquals(1.0, row.path("ratio_mean").asDouble(), 1e-4);
        assertTrue(row.path("judge/calls").asInt() <= 4, row.toString());
        assertTrue(Double.isFinite(row.path("loss").asDouble()));
      }
    }
  }
}
