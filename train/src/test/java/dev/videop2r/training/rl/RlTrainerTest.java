package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.pipeline.RunAbortedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import dev.videop2r.reward.LengthWindow;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.RlPromptEncoder;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.ToyData;
import dev.videop2r.training.ToyModel;
import dev.videop2r.training.loop.MetricsLog;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RlTrainerTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  // The ground truth is A. r0: sufficient observation (red), wrong answer; r1: insufficient, wrong;
  // r2: insufficient, right. So R_p = (2, 1, 1) and R_r = (1, 1, 2): r0 is best in perception, r2 in reasoning.
  public static final List<long[]> COMPLETIONS = List.of(
      new long[] {2, 3, 5, 6, 7, 8, 9, 11, 12, ToyData.EOT},
      new long[] {2, 4, 5, 6, 7, 8, 9, 11, 12, ToyData.EOT},
      new long[] {2, 4, 5, 6, 7, 8, 9, 10, 12, ToyData.EOT});
  private static final int PERCEPTION_TOKENS = 3;
  public static final long[] PROMPT = {1, 13};

  public static final Judge JUDGE = new Judge() {
    @Override
    public String id() {
      return "toy";
    }

    @Override
    public Judgement judge(JudgeQuery q) {
      return q.observation().contains("red") ? Judgement.sufficient("red") : Judgement.insufficient("no red");
    }
  };

  static RlSpec config(Algorithm algorithm, Set<Ablation> ablations, int steps, double lr) {
    OptimizerConfig o = new OptimizerConfig(lr, LearningRateSchedule.Kind.CONSTANT, 0, 0.0, 0.9, 0.999, 1e-8,
        5.0, 11, 1, 2);
    return RlSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o), Map.entry("algorithm", algorithm),
        Map.entry("steps", steps), Map.entry("promptsPerStep", 1), Map.entry("groupSize", 3),
        Map.entry("sampling", new RolloutEngine.Sampling(1.0, 1.0, 8)), Map.entry("microBatch", 2),
        Map.entry("judge.concurrency", 2), Map.entry("shuffle", false), Map.entry("ablations", List.copyOf(ablations))));
  }

  private static RlTrainer trainer(ToyModel policy, NDManager m, RlSpec config) {
    return trainer(policy, m, config, new CoreRolloutScorer(config.reward(), config.objective()));
  }

  private static RlTrainer trainer(ToyModel policy, NDManager m, RlSpec config, RolloutScorer scorer) {
    return trainer(policy, policy.copy(), m, config, scorer, COMPLETIONS);
  }

  private static RlTrainer trainer(ToyModel policy, ToyModel reference, NDManager m, RlSpec config,
      RolloutScorer scorer) {
    return trainer(policy, reference, m, config, scorer, COMPLETIONS);
  }

  private static RlTrainer trainer(ToyModel policy, ToyModel reference, NDManager m, RlSpec config,
      RolloutScorer scorer, List<long[]> completions) {
    return trainer(policy, reference, m, config, scorer, completions, JUDGE);
  }

  private static RlTrainer trainer(ToyModel policy, ToyModel reference, NDManager m, RlSpec config,
      RolloutScorer scorer, List<long[]> completions, Judge judge) {
    RlTrainer.Parts parts = new RlTrainer.Parts(policy, reference,
        new ScriptedEngine(policy, m, completions), s -> new RolloutPrompt(s, PROMPT, List.of()),
        new TemplateSegmentLabeler(ResponseParser.lenient(), ToyData::pieces), scorer, judge, ToyData.PAD);
    return new RlTrainer(parts, config);
  }

  private static RlTrainer trainerWithJudge(ToyModel policy, NDManager m, RlSpec config, Judge judge) {
    return trainer(policy, policy.copy(), m, config, new CoreRolloutScorer(config.reward(), config.objective()),
        COMPLETIONS, judge);
  }

  private static double segmentLogProb(ToyModel model, NDManager m, long[] completion, byte which) {
    float[] lp = ScriptedEngine.logProbs(model, m, PROMPT, completion);
    double sum = 0;
    for (int t = 0; t < completion.length; t++) {
      boolean perception = t < PERCEPTION_TOKENS;
      if ((which == ProcessLabel.PERCEPTION) == perception) {
        sum += lp[t];
      }
    }
    return sum;
  }

  @Test
  void aPaGrpoStepRaisesTheLogProbOfTheBestRolloutInEachProcess(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 16, 5, DataType.FLOAT32);
      double perceptionBefore = segmentLogProb(policy, m, COMPLETIONS.get(0), ProcessLabel.PERCEPTION);
      double reasoningBefore = segmentLogProb(policy, m, COMPLETIONS.get(2), ProcessLabel.REASONING);
      trainer(policy, m, config(Algorithm.PA_GRPO, Set.of(), 1, 0.01))
          .train(ToyData.samples().subList(0, 1), dir, false, QUIET);
      double perceptionAfter = segmentLogProb(policy, m, COMPLETIONS.get(0), ProcessLabel.PERCEPTION);
      double reasoningAfter = segmentLogProb(policy, m, COMPLETIONS.get(2), ProcessLabel.REASONING);
      assertTrue(perceptionAfter > perceptionBefore, perceptionBefore + " -> " + perceptionAfter);
      assertTrue(reasoningAfter > reasoningBefore, reasoningBefore + " -> " + reasoningAfter);

      JsonNode row = MetricsLog.read(dir.resolve("metrics.jsonl")).get(0);
      assertEquals(1.0 / 3, row.path("reward/perception_accuracy").asDouble(), 1e-9);
      assertEquals(1.0 / 3, row.path("reward/reasoning_accuracy").asDouble(), 1e-9);
      assertEquals(3, row.path("judge/calls").asInt());
      assertEquals(0, row.path("groups/collapsed").asInt());
      // R_p = (2, 1, 1): mean 4/3, unbiased std sqrt(1/3) = 0.5773503, so A_p = (0.6667, −0.3333, −0.3333) /
      // (0.5773503 + 1e-4) = (1.1545, −0.5773, −0.5773); R_r = (1, 1, 2) mirrors it.
      assertEquals(1.1545006, row.path("advantage/perception_abs_max").asDouble(), 1e-6);
      assertEquals(1.1545006, row.path("advantage/reasoning_abs_max").asDouble(), 1e-6);
      assertEquals(0.0, row.path("advantage/perception_mean").asDouble(), 1e-9);
      // R_r = (1, 1, 2) does not tie, so GRPO (reasoning reward alone) would not count the group as collapsed.
      assertEquals(0, row.path("groups/collapsed_if_grpo").asInt());
      assertEquals(0, row.path("collapse/samples_perception").asInt());
      assertEquals(0, row.path("collapse/samples_grpo").asInt());
      assertEquals(0.0, row.path("logp_mismatch").asDouble(), 1e-5);
      assertEquals(0.0, row.path("logp_mismatch_max").asDouble(), 1e-4);
      assertEquals(1.0, row.path("ratio_mean").asDouble(), 1e-5);
      assertEquals(3.0, row.path("length/perception_tokens").asDouble(), 1e-9);
      assertEquals(1.0, row.path("reward/perception_format").asDouble(), 1e-9);
      assertEquals(1.0, row.path("reward/reasoning_format").asDouble(), 1e-9);
      for (String key : List.of("kl", "clip_fraction", "time/rollout_s", "time/judge_s", "time/reward_s",
          "time/update_s", "tokens_per_s", "advantage/perception_std", "groups/collapsed_if_grpo")) {
        assertTrue(row.has(key), "metrics row lacks " + key + ": " + row);
      }
    }
  }

  @Test
  void grpoAndEveryAblationRunAndTheUnjudgedRunNeverCallsTheJudge(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Ablation a : EnumSet.allOf(Ablation.class)) {
        ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
        Path run = dir.resolve(a.name());
        trainer(policy, m, config(Algorithm.PA_GRPO, Set.of(a), 2, 0.01))
            .train(ToyData.samples().subList(0, 1), run, false, QUIET);
        JsonNode row = MetricsLog.read(run.resolve("metrics.jsonl")).get(0);
        assertEquals(a == Ablation.NO_PERCEPTION_REWARD ? 0 : 3, row.path("judge/calls").asInt(), a.name());
      }
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      trainer(policy, m, config(Algorithm.GRPO, Set.of(), 2, 0.01))
          .train(ToyData.samples().subList(0, 1), dir.resolve("grpo"), false, QUIET);
      JsonNode grpo = MetricsLog.read(dir.resolve("grpo/metrics.jsonl")).get(1);
      assertEquals("GRPO", grpo.path("algorithm").asText());
      assertEquals(0, grpo.path("judge/calls").asInt(), "the GRPO baseline learns from R_r alone: no judge");
    }
  }

  /**
   * T-GRPO on a hand-computed group. The scorer gives r0 (red, B) 0.5, r1 (blue, B) 0, r2 (blue, A) 1.0, and no
   * format or length terms. Shuffled rollouts (G/2 = 1) answer like r1 (p̃ = 0: the bonus is earned, p = 0.5 ≥ 0)
   * or like r2 (p̃ = 1: 0.5 < 0.8, not earned).
   */
  @Test
  void tGrpoAddsTheTemporalBonusWhenOrderedFramesBeatShuffledOnes(@TempDir Path dir) {
    RolloutScorer scorer = (sample, segments, judgement) -> {
      boolean right = segments.parsed().answer().map(a -> a.content().strip().equals("A")).orElse(false);
      double acc = right ? 1.0 : segments.parsed().text().contains("red") ? 0.5 : 0.0;
      return new dev.videop2r.reward.RewardBreakdown(java.util.Optional.of(0.0), 0, 0, acc, 0, 0, true);
    };
    try (NDManager m = NDManager.newBaseManager()) {
      for (int shuffledLike : new int[] {1, 2}) {
        ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
        ScriptedEngine ordered = new ScriptedEngine(policy, m, COMPLETIONS);
        ScriptedEngine shuffled = new ScriptedEngine(policy, m, List.of(COMPLETIONS.get(shuffledLike)));
        java.util.concurrent.atomic.AtomicInteger shuffledPrompts = new java.util.concurrent.atomic.AtomicInteger();
        RolloutEngine engine = (prompts, groupSize, sampling, seed) ->
            (groupSize == 1 ? shuffled : ordered).generate(prompts, groupSize, sampling, seed);
        RlPromptEncoder encoder = new RlPromptEncoder() {
          @Override
          public RolloutPrompt encodePrompt(dev.videop2r.data.Sample s) {
            return new RolloutPrompt(s, PROMPT, List.of());
          }

          @Override
          public RolloutPrompt encodeShuffledPrompt(dev.videop2r.data.Sample s, long seed) {
            shuffledPrompts.incrementAndGet();
            return new RolloutPrompt(s, PROMPT, List.of());
          }
        };
        RlTrainer.Parts parts = new RlTrainer.Parts(policy, policy.copy(), engine, encoder,
            new TemplateSegmentLabeler(ResponseParser.lenient(), ToyData::pieces), scorer, null, ToyData.PAD);
        Path run = dir.resolve("shuffled-like-r" + shuffledLike);
        new RlTrainer(parts, config(Algorithm.T_GRPO, Set.of(), 1, 0.01))
            .train(ToyData.samples().subList(0, 1), run, false, QUIET);
        JsonNode row = MetricsLog.read(run.resolve("metrics.jsonl")).get(0);
        assertEquals(1, shuffledPrompts.get());
        assertEquals(1, row.path("temporal/video_prompts").asInt());
        assertEquals(0.5, row.path("reward/reasoning_accuracy").asDouble(), 1e-9, "metrics show the raw accuracy");
        if (shuffledLike == 1) {
          // R = (0.8, 0, 1.3): mean 0.7, unbiased std sqrt(0.43) = 0.6557439; max |A| = 0.7 / (0.6557439 + 1e-4)
          assertEquals(1, row.path("temporal/earned").asInt());
          assertEquals(0.0, row.path("temporal/shuffled_accuracy").asDouble(), 1e-9);
          assertEquals(0.6 / 3, row.path("temporal/bonus_mean").asDouble(), 1e-9);
          assertEquals(0.7 / (Math.sqrt(0.43) + 1e-4), row.path("advantage/reasoning_abs_max").asDouble(), 1e-6);
        } else {
          // R = (0.5, 0, 1.0): std 0.5, max |A| = 0.5 / 0.5001
          assertEquals(0, row.path("temporal/earned").asInt());
          assertEquals(1.0, row.path("temporal/shuffled_accuracy").asDouble(), 1e-9);
          assertEquals(0.0, row.path("temporal/bonus_mean").asDouble(), 1e-9);
          assertEquals(0.5 / 0.5001, row.path("advantage/reasoning_abs_max").asDouble(), 1e-6);
        }
        assertEquals("GRPO", row.path("algorithm").asText(), "one advantage on every token, as GRPO");
      }
    }
  }

  /** A judge that says it can score nothing, or scores nothing when asked. */
  private static Judge judge(boolean cannotJudge, java.util.concurrent.atomic.AtomicInteger calls) {
    return new Judge() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public java.util.Optional<String> cannotJudge(dev.videop2r.data.Sample sample) {
        return cannotJudge ? java.util.Optional.of("no facts") : java.util.Optional.empty();
      }

      @Override
      public Judgement judge(JudgeQuery q) {
        calls.incrementAndGet();
        return Judgement.noScore("HTTP 401");
      }
    };
  }

  @Test
  void collapsedSamplesAreCountedPerProcessAsInFigure6c(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      Judge allSufficient = new Judge() {
        @Override
        public String id() {
          return "yes";
        }

        @Override
        public Judgement judge(JudgeQuery q) {
          return Judgement.sufficient("ok");
        }
      };
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      Path run = dir.resolve("run");
      trainerWithJudge(policy, m, config(Algorithm.PA_GRPO, Set.of(), 1, 0.01), allSufficient)
          .train(ToyData.samples().subList(0, 1), run, false, QUIET);
      JsonNode row = MetricsLog.read(run.resolve("metrics.jsonl")).get(0);
      // Every observation judged sufficient: R_p ties across the group of 3, R_r = (1, 1, 2) does not.
      assertEquals(3, row.path("collapse/samples_perception").asInt());
      assertEquals(0, row.path("collapse/samples_reasoning").asInt());
      assertEquals(0, row.path("collapse/samples_pa_grpo").asInt(), "PA-GRPO still learns from the reasoning tokens");
      assertEquals(0, row.path("collapse/samples_grpo").asInt());
    }
  }

  @Test
  void paGrpoRefusesDataItsJudgeCannotScore(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      var calls = new java.util.concurrent.atomic.AtomicInteger();
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> trainerWithJudge(policy, m, config(Algorithm.PA_GRPO, Set.of(), 2, 0.01), judge(true, calls))
              .train(ToyData.samples().subList(0, 2), dir.resolve("refused"), false, QUIET));
      assertTrue(e.getMessage().startsWith("judge.kind: ") && e.getMessage().contains("cannot score 2 of 2 records")
          && e.getMessage().contains("(judge.kind anthropic|openai|bedrock)")
          && e.getMessage().contains("(algorithm grpo)"), e.getMessage());
      assertEquals(0, calls.get());
      // The baseline needs no judge, so the same data trains.
      trainerWithJudge(policy, m, config(Algorithm.GRPO, Set.of(), 1, 0.01), judge(true, calls))
          .train(ToyData.samples().subList(0, 2), dir.resolve("grpo"), false, QUIET);
    }
  }

  @Test
  void aJudgeThatStopsScoringStopsTheRunAfterThreeBatches(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      var calls = new java.util.concurrent.atomic.AtomicInteger();
      Path run = dir.resolve("dead-judge");
      RunAbortedException e = org.junit.jupiter.api.Assertions.assertThrows(RunAbortedException.class,
          () -> trainerWithJudge(policy, m, config(Algorithm.PA_GRPO, Set.of(), 6, 0.01), judge(false, calls))
              .train(ToyData.samples().subList(0, 1), run, false, QUIET));
      assertTrue(e.getMessage().contains("no score to 3 of 3 observations") && e.getMessage().contains("HTTP 401")
          && e.getMessage().endsWith("continue with resume"), e.getMessage());
      assertEquals(2, MetricsLog.read(run.resolve("metrics.jsonl")).size(), "two steps ran, the third stopped");
    }
  }

  @Test
  void withInnerIterationsACrashedRunResumesFromABatchBoundaryToTheSameWeights(@TempDir Path dir)
      throws Exception {
    OptimizerConfig o = new OptimizerConfig(0.01, LearningRateSchedule.Kind.COSINE, 1, 0.01, 0.9, 0.999, 1e-8,
        5.0, 11, 2, 3);
    RlSpec config = RlSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o), Map.entry("steps", 3),
        Map.entry("promptsPerStep", 1), Map.entry("groupSize", 3), Map.entry("innerIterations", 2),
        Map.entry("sampling", new RolloutEngine.Sampling(1.0, 1.0, 8)),
        Map.entry("aggregation", LossAggregation.SEQUENCE_MEAN), Map.entry("microBatch", 2),
        Map.entry("judge.concurrency", 2)));
    CoreRolloutScorer scorer = new CoreRolloutScorer(config.reward(), config.objective());
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel straight = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      trainer(straight, m, config).train(ToyData.samples(), dir.resolve("straight"), false, QUIET);

      ToyModel crashed = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      int[] calls = {0};
      RolloutScorer failing = (s, seg, j) -> {
        if (++calls[0] > 3 * 2) { // the third rollout batch (optimizer step 5) fails while scoring
          throw new IllegalStateException("simulated crash");
        }
        return scorer.score(s, seg, j);
      };
      Path run = dir.resolve("crashed");
      var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> trainer(crashed, m, config, failing).train(ToyData.samples(), run, false, QUIET));
      assertEquals("simulated crash", e.getMessage());
      assertEquals(4, MetricsLog.read(run.resolve("metrics.jsonl")).size());

      // The policy's weights come from the checkpoint; the frozen reference is the starting model, as always.
      ToyModel resumed = new ToyModel(m, ToyData.VOCAB, 8, 99, DataType.FLOAT32);
      ToyModel reference = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      trainer(resumed, reference, m, config, scorer).train(ToyData.samples(), run, true, QUIET);
      for (String name : straight.parameters().keySet()) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.parameters().get(name).toFloatArray(),
            resumed.parameters().get(name).toFloatArray(), name);
      }
      List<JsonNode> a = MetricsLog.read(dir.resolve("straight/metrics.jsonl"));
      List<JsonNode> b = MetricsLog.read(run.resolve("metrics.jsonl"));
      assertEquals(6, b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).path("loss").asDouble(), b.get(i).path("loss").asDouble(), 0.0, "step " + (i + 1));
      }
    }
  }

  @Test
  void aGeneratedVisionPlaceholderEndsTheRolloutBeforeTheTrainingForward(@TempDir Path dir) {
    long videoPad = ToyData.VOCAB + 4;
    List<long[]> completions = List.of(COMPLETIONS.get(0), new long[] {2, 4, videoPad, 5, 6, 7, 8, ToyData.EOT},
        COMPLETIONS.get(2));
    RlSpec config = config(Algorithm.PA_GRPO, Set.of(), 1, 0.01);
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      trainer(policy, policy.copy(), m, config, new CoreRolloutScorer(config.reward(), config.objective()),
          completions)
          .train(ToyData.samples().subList(0, 1), dir, false, QUIET);
      JsonNode row = MetricsLog.read(dir.resolve("metrics.jsonl")).get(0);
      assertEquals(1, row.path("rollouts/cut_at_vision_token").asInt());
      // The cut rollout keeps 2 tokens (an unclosed observation: perception only) of 8.
      assertEquals((10 + 2 + 10) / 3.0, row.path("length/completion_tokens").asDouble(), 1e-9);
      assertTrue(Double.isFinite(row.path("loss").asDouble()));
    }
  }

  @Test
  void resumingWithAnotherLengthBonusIsRefusedNamingIt(@TempDir Path dir) {
    RlSpec config = config(Algorithm.PA_GRPO, Set.of(), 1, 0.01);
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel policy = new ToyModel(m, ToyData.VOCAB, 8, 5, DataType.FLOAT32);
      trainer(policy, m, config).train(ToyData.samples(), dir, false, QUIET);
      RlSpec otherOmega = config.with(Map.of("reward.lengthBonus", 0.5));
      var e = assertThrows(IllegalArgumentException.class,
          () -> trainer(policy, m, otherOmega).train(ToyData.samples(), dir, true, QUIET));
      assertTrue(e.getMessage().contains("changed: spec.reward.lengthBonus: 0.2 → 0.5"), e.getMessage());
      RlSpec otherWindow = config.with(Map.of("reward.reasoningWindow", new LengthWindow(1, 2)));
      var w = assertThrows(IllegalArgumentException.class,
          () -> trainer(policy, m, otherWindow).train(ToyData.samples(), dir, true, QUIET));
      assertTrue(w.getMessage().contains("spec.reward.reasoningWindow.min: 320 → 1"), w.getMessage());
    }
  }
}
