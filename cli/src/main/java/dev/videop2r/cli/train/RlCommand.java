package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.cli.data.JudgeOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.lora.AdaptersOff;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeCache;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.Ablation;
import dev.videop2r.training.Algorithm;
import dev.videop2r.training.CoreRolloutScorer;
import dev.videop2r.training.LossAggregation;
import dev.videop2r.training.OptimizerConfig;
import dev.videop2r.training.RlConfig;
import dev.videop2r.training.RlTrainer;
import dev.videop2r.training.RolloutEngine;
import dev.videop2r.training.TemplateSegmentLabeler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.videop2r.training.TrainingCurves;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r rl}: PA-GRPO, the GRPO baseline, and the paper's ablations. */
@Command(name = "rl", mixinStandardHelpOptions = true,
    description = "Reinforcement learning with PA-GRPO (or GRPO, or Video-R1's T-GRPO) and the paper's Table 2"
        + " ablations.")
public final class RlCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunInputs inputs;
  @Mixin OptimizerOptions optimizer;
  @Mixin LoraOptions lora;

  @Option(names = "--algo", defaultValue = "pa-grpo", description = "pa-grpo (default); grpo, the process-agnostic"
      + " baseline (the reasoning reward alone on every token; no judge); or t-grpo, Video-R1's temporal GRPO (GRPO"
      + " plus a bonus when ordered frames beat shuffled ones).")
  String algo;

  @Option(names = "--ablate", split = ",", description = "Comma-separated: no-perception-reward,"
      + " no-length-reward, no-format-reward, no-separation, no-sft (RL from the base model given as --model).")
  List<String> ablate = List.of();

  @Option(names = "--reference", description = "Frozen KL reference model directory (default: --model, i.e."
      + " the SFT weights).")
  Path reference;

  @Mixin JudgeOptions judge;
  @Mixin EndpointOptions endpoint;
  @Mixin RolloutOptions rollouts;

  @Option(names = "--judge-cache", description = "Append-only judge cache file (default <out>/judge-cache.jsonl).")
  Path judgeCache;

  @Option(names = "--steps", defaultValue = "1000", description = "Rollout batches (paper: 1000).")
  int steps;

  @Option(names = "--prompts-per-step", defaultValue = "7", description = "Prompts per batch (paper: 7).")
  int promptsPerStep;

  @Option(names = "--group-size", defaultValue = "8", description = "Rollouts per prompt (paper: 8).")
  int groupSize;

  @Option(names = "--inner-iterations", defaultValue = "1", description = "Optimizer steps per batch (mu, 1).")
  int innerIterations;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Rollout temperature (1.0).")
  double temperature;

  @Option(names = "--top-p", defaultValue = "0.95", description = "Rollout nucleus top-p (0.95).")
  double topP;

  @Option(names = "--max-new-tokens", defaultValue = "768", description = "Rollout length limit (768).")
  int maxNewTokens;

  @Option(names = "--clip-low", defaultValue = "0.2", description = "Ratio clip below 1 (0.2).")
  double clipLow;

  @Option(names = "--clip-high", defaultValue = "0.2", description = "Ratio clip above 1 (0.2).")
  double clipHigh;

  @Option(names = "--beta", defaultValue = "0.04", description = "k3 KL coefficient (0.04; 0 = no reference).")
  double beta;

  @Option(names = "--loss-agg", defaultValue = "token-mean",
      description = "token-mean (default), sequence-mean or process-mean.")
  String lossAgg;

  @Option(names = "--micro-batch", defaultValue = "8", description = "Rollouts per forward/backward (8).")
  int microBatch;

  @Option(names = "--judge-concurrency", defaultValue = "8", description = "Judge calls in flight (8).")
  int judgeConcurrency;

  @Option(names = "--scoring-mode", defaultValue = "corrected", description = "Reward semantics: corrected or"
      + " video-r1.")
  String scoringMode;

  @Override
  public Integer call() {
    Set<Ablation> ablations = EnumSet.noneOf(Ablation.class);
    for (String a : ablate) {
      ablations.add(parse(Ablation.class, a, "--ablate"));
    }
    RlConfig config = new RlConfig(optimizer.apply(OptimizerConfig.rlDefaults()),
        parse(Algorithm.class, algo, "--algo"), ablations, steps, promptsPerStep, groupSize, innerIterations,
        new RolloutEngine.Sampling(temperature, topP, maxNewTokens), clipLow, clipHigh, beta,
        parse(LossAggregation.class, lossAgg, "--loss-agg"), 1e-4, microBatch, judgeConcurrency, true);
    RewardConfig rewards = config.rewards(RewardConfig.defaults().withMode(ScoringMode.parse(scoringMode)));
    var samples = inputs.samples();
    try (NDManager manager = NDManager.newBaseManager();
        HfTextTokenizer tokenizer = inputs.tokenizer();
        QwenVLModel policy = inputs.load(inputs.model, manager);
        VisionLanguageModel ref = reference(policy, config.optimizer().seed(), manager);
        JudgeCache cache = openCache(config)) {
      Judge j = cache == null ? null : new CachedJudge(judge.build(endpoint, judgeConcurrency), cache);
      RolloutEngine engine = rollouts.engine(policy, tokenizer, inputs.out, endpoint, System.err);
      RlTrainer.Parts parts = new RlTrainer.Parts(policy, ref, engine, inputs.encoder(tokenizer),
          TemplateSegmentLabeler.forTokenizer(tokenizer, ResponseParser.lenient()), new CoreRolloutScorer(rewards),
          j, tokenizer.specialTokens().pad());
      RlTrainer.Result r = new RlTrainer(parts, config).train(samples, inputs.out, inputs.resume, System.err);
      TrainingCurves.draw(inputs.out);
      spec.commandLine().getOut().printf("rl: %d optimizer steps, last loss %.4f, checkpoint %s, %s%n",
          r.optimizerSteps(), r.lastLoss(), r.finalCheckpoint(), inputs.saveFinal(policy));
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return 0;
  }

  /**
   * The KL reference: none at beta 0; with LoRA the policy with its adapters switched off (no second copy);
   * otherwise a second model loaded from --reference or --model. Attaches the policy's adapters first.
   */
  private VisionLanguageModel reference(QwenVLModel policy, long seed, NDManager manager) {
    lora.attach(policy, seed, manager);
    if (beta <= 0) {
      return null;
    }
    if (lora.enabled()) {
      if (reference != null) {
        throw new IllegalArgumentException("--reference does not apply with --lora-rank: the reference is --model "
            + "with the adapters switched off");
      }
      return new AdaptersOff(policy);
    }
    return inputs.load(reference == null ? inputs.model : reference, manager);
  }

  /** The judge's cache, or null when the run asks no judge (GRPO, or the perception reward ablated). */
  private JudgeCache openCache(RlConfig config) throws IOException {
    if (!config.usesJudge()) {
      return null;
    }
    Path file = judgeCache != null ? judgeCache : inputs.out.resolve("judge-cache.jsonl");
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    return JudgeCache.open(file);
  }

  /** Flag values like {@code pa-grpo} or {@code no-sft} to enum constants. */
  static <E extends Enum<E>> E parse(Class<E> type, String value, String flag) {
    String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(flag + ": unknown value '" + value + "'");
  }
}
