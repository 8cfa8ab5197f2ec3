package dev.videop2r.bench.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.DataType;
import dev.videop2r.data.JsonlWriter;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.template.Prompts;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.RlPromptEncoder;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.loop.MetricsLog;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import dev.videop2r.training.rl.EmbeddedRolloutEngine;
import dev.videop2r.training.rl.RlRun;
import dev.videop2r.training.rl.RlSpec;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PA-GRPO's cost over GRPO on identical settings, and the RL step-time breakdown, on a tiny Qwen2.5-VL (synthetic
 * text configuration, paper batch shape: 7 prompts x 8 rollouts). Both algorithms train on the SAME rollouts
 * (generated once by the embedded generator, then replayed), so the comparison isolates what differs: the
 * per-process normalisation and the token mapping. Runs alternate PA-GRPO / GRPO to cancel drift on a shared
 * machine. libtorch runs single-threaded (set before the engine loads), so every tensor op runs on the training
 * thread and that thread's CPU time measures the step without the judge (its calls run on their own threads)
 * and nearly without interference from other processes; wall time minus the judge's wall time is printed too.
 * Run: {@code java -cp <bench classpath> dev.videop2r.bench.train.RlStepCost [rounds] [steps]}.
 */
public final class RlStepCost {
  private static final int PROMPTS = 7;
  private static final int GROUP = 8;
  private static final int NEW_TOKENS = 48;
  /** T-GRPO is left out: it re-encodes video prompts with shuffled frames, and these prompts are text only. */
  private static final List<Algorithm> COMPARED = List.of(Algorithm.PA_GRPO, Algorithm.GRPO);

  private RlStepCost() {}

  /** Replays one fixed rollout batch: both algorithms see identical rollouts. */
  private record ReplayEngine(List<Rollout> rollouts) implements RolloutEngine {
    @Override
    public List<Rollout> generate(List<RolloutPrompt> prompts, int groupSize, Sampling sampling, long seed) {
      return rollouts;
    }
  }

  /**
   * The bench's parts of a run: the synthetic judge, text-only prompts (the samples carry no clips) and, unless
   * null, the replayed rollouts instead of the embedded generator.
   */
  private record BenchHooks(ConversationEncoder prompts, List<Rollout> replayed) implements RlRun.Hooks {
    @Override
    public Judge judge(JudgeSpec spec) {
      return new SyntheticJudge();
    }

    @Override
    public RlPromptEncoder encoder(HfTextTokenizer tokenizer, TrainingInputs inputs) {
      return prompts;
    }

    @Override
    public RolloutEngine engine(QwenVLModel policy, HfTextTokenizer tokenizer, Path out) {
      return replayed == null ? RlRun.Hooks.super.engine(policy, tokenizer, out) : new ReplayEngine(replayed);
    }
  }

  /** The bench's RL settings: paper batch shape (P prompts x G rollouts), one micro-batch per prompt. */
  private static RlSpec spec(Path model, Path data, OptimizerConfig o, int steps) {
    return RlSpec.defaults().with(Map.ofEntries(Map.entry("inputs.model", model), Map.entry("inputs.data",
            List.of(data)), Map.entry("inputs.mediaRoot", data.getParent()), Map.entry("optimizer", o),
        Map.entry("steps", steps), Map.entry("promptsPerStep", PROMPTS), Map.entry("groupSize", GROUP),
        Map.entry("sampling", new RolloutEngine.Sampling(1.0, 0.95, NEW_TOKENS)), Map.entry("microBatch", GROUP),
        Map.entry("judge.concurrency", 8), Map.entry("shuffle", false)));
  }

  /** The random tiny model (seed 3), saved with its tokenizer where a run spec can name it. */
  private static Path model(Path dir, QwenConfig config) throws IOException {
    Path out = dir.resolve("model");
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(config, 3, m)) {
      model.save(out);
    }
    Files.copy(dir.resolve("tokenizer.json"), out.resolve("tokenizer.json"));
    return out;
  }

  /** The samples as a data file. */
  private static Path data(Path dir, List<Sample> samples) throws IOException {
    Path file = dir.resolve("data.jsonl");
    try (JsonlWriter w = new JsonlWriter(file)) {
      for (Sample s : samples) {
        w.write(s);
      }
    }
    return file;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("rl-step-cost");
    List<Sample> samples = samples();
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    var threads = ManagementFactory.getThreadMXBean();
    try (NDManager m = NDManager.newBaseManager(); HfTextTokenizer tok = tokenizer(dir, samples)) {
      QwenConfig config = new TinyQwen(64, 2, 4, 2, 128, 1, 16, 2, 24).config(tok);
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tok), null);
      List<Rollout> rollouts;
      try (QwenVLModel generatorModel = QwenVLModel.init(config, 3, m)) {
        List<RolloutPrompt> prompts = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
          prompts.add(encoder.encodePrompt(samples.get(p)));
        }
        rollouts = new EmbeddedRolloutEngine(new Generator(generatorModel, m, tok.specialTokens().pad()),
            tok.specialTokens().eos()).generate(prompts, GROUP, new RolloutEngine.Sampling(1.0, 0.95, NEW_TOKENS), 7);
      }
      Path model = model(dir, config);
      Path data = data(dir, samples);
      Map<Algorithm, List<Double>> cpu = new LinkedHashMap<>();
      Map<Algorithm, List<Double>> wall = new LinkedHashMap<>();
      Map<Algorithm, Map<String, Double>> split = new LinkedHashMap<>();
      for (int round = -1; round < rounds; round++) { // round -1 warms up the JIT and libtorch
        for (Algorithm algo : COMPARED) {
          Path run = dir.resolve(algo + "-" + round);
          OptimizerConfig o = new OptimizerConfig(1e-5, LearningRateSchedule.Kind.CONSTANT, 0, 0.01, 0.9, 0.999,
              1e-8, 5.0, 1, steps, 1);
          RlSpec rl = spec(model, data, o, steps).with(RlObjective.of(algo));
          try (RlRun rlRun = RlRun.open(rl, run, new BenchHooks(encoder, rollouts))) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            rlRun.train(false, new PrintStream(new ByteArrayOutputStream()));
            double cpuS = (threads.getCurrentThreadCpuTime() - c0) / 1e9 / steps;
            double wallS = (System.nanoTime() - w0) / 1e9 / steps;
            List<JsonNode> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
            double judge = rows.stream().mapToDouble(r -> r.path("time/judge_s").asDouble()).sum() / steps;
            if (round >= 0) {
              cpu.computeIfAbsent(algo, a -> new ArrayList<>()).add(cpuS);
              wall.computeIfAbsent(algo, a -> new ArrayList<>()).add(wallS - judge);
              Map<String, Double> s = split.computeIfAbsent(algo, a -> new LinkedHashMap<>());
              for (JsonNode r : rows) {
                r.fields().forEachRemaining(e -> {
                  if (e.getKey().startsWith("time/")) {
                    s.merge(e.getKey(), e.getValue().asDouble() / (rows.size() * (double) rounds), Double::sum);
                  }
                });
              }
            }
          }
        }
      }
      for (Algorithm a : COMPARED) {
        System.out.printf(Locale.ROOT, "%-8s thread CPU s/step median %.3f %s | wall-minus-judge s/step median %.3f %s%n",
            a, median(cpu.get(a)), fmt(cpu.get(a)), median(wall.get(a)), fmt(wall.get(a)));
        split.get(a).forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-26s %.4f s%n", k, v));
      }
      double cpuOverhead = median(cpu.get(Algorithm.PA_GRPO)) / median(cpu.get(Algorithm.GRPO)) - 1;
      double wallOverhead = median(wall.get(Algorithm.PA_GRPO)) / median(wall.get(Algorithm.GRPO)) - 1;
      System.out.printf(Locale.ROOT, "PA-GRPO over GRPO: CPU %+.2f%%, wall (judge excluded) %+.2f%%%n",
          100 * cpuOverhead, 100 * wallOverhead);
      generationBreakdown(dir, model, data, encoder, steps);
    }
  }

  /** The step-time split of PA-GRPO with rollouts sampled by the embedded generator (the real RL loop). */
  private static void generationBreakdown(Path dir, Path model, Path data, ConversationEncoder encoder, int steps) {
    OptimizerConfig o = new OptimizerConfig(1e-5, LearningRateSchedule.Kind.CONSTANT, 0, 0.01, 0.9, 0.999, 1e-8,
        5.0, 1, steps, 1);
    Path run = dir.resolve("generated");
    try (RlRun rlRun = RlRun.open(spec(model, data, o, steps), run, new BenchHooks(encoder, null))) {
      rlRun.train(false, new PrintStream(new ByteArrayOutputStream()));
    }
    List<JsonNode> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
    System.out.println("PA_GRPO with embedded generation, mean per step:");
    rows.get(0).fieldNames().forEachRemaining(k -> {
      if (k.startsWith("time/") || k.endsWith("tokens_per_s") || k.startsWith("length/completion")) {
        double mean = rows.stream().mapToDouble(r -> r.path(k).asDouble()).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "    %-26s %.4f%n", k, mean);
      }
    });
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String fmt(List<Double> v) {
    return Arrays.toString(v.stream().mapToDouble(d -> Math.round(d * 1000) / 1000.0).toArray());
  }

  static List<Sample> samples() {
    String[] colours = {"red", "blue", "green", "yellow", "purple", "orange", "white"};
    String[] moves = {"left", "right"};
    List<Sample> out = new ArrayList<>();
    for (int k = 0; k < PROMPTS; k++) {
      String fact = "The " + colours[k] + " circle moves " + moves[k % 2] + ".";
      out.add(new Sample(k, "Where does the " + colours[k] + " circle go?", DataType.VIDEO,
          ProblemType.MULTIPLE_CHOICE, List.of("A. left", "B. right"), "<answer>" + (k % 2 == 0 ? "A" : "B")
          + "</answer>", "v" + k + ".mp4", "synthetic", List.of(fact), "It moves " + moves[k % 2] + ".", null));
    }
    return out;
  }

  private static HfTextTokenizer tokenizer(Path dir, List<Sample> samples) {
    WordLevelTokenizerBuilder b = new WordLevelTokenizerBuilder()
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant It moves so A B");
    for (Sample s : samples) {
      b.addTexts(s.facts()).addText(Prompts.processAware(s.problemType(), s.problem(), s.options()));
    }
    Path file = dir.resolve("tokenizer.json");
    b.write(file);
    return HfTextTokenizer.load(file);
  }
}
