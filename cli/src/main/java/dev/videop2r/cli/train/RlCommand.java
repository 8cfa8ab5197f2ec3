package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.SpecOptions;
import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.cli.data.JudgeOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.lora.AdaptersOff;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeCache;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.Ablation;
import dev.videop2r.training.CoreRolloutScorer;
import dev.videop2r.training.RlSpec;
import dev.videop2r.training.RlTrainer;
import dev.videop2r.training.RolloutEngine;
import dev.videop2r.training.TemplateSegmentLabeler;
import dev.videop2r.training.TrainingCurves;
import dev.videop2r.training.TrainingInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code videop2r rl}: PA-GRPO, the GRPO baseline, and the paper's ablations. Every setting of the run is a field
 * of {@link RlSpec}, with a flag each (added by {@link Fields}); {@code --config} reads them from a file.
 */
@Command(name = "rl", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = RlCommand.Fields.class,
    description = "Reinforcement learning with PA-GRPO (or GRPO, or Video-R1's T-GRPO) and the paper's Table 2"
        + " ablations. Every setting can come from --config FILE (YAML or JSON, keys = field names, as in the run's"
        + " config.yaml); flags override it.")
public final class RlCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunPlace place;

  @Option(names = "--ablate", split = ",", paramLabel = "ABLATION", description = "Shorthand for the paper's Table 2"
      + " rows, comma separated: no-perception-reward, no-length-reward, no-format-reward (the reward switches),"
      + " no-separation (--separation=false).")
  List<Ablation> ablate = List.of();

  @Mixin LoraOptions lora;
  @Mixin EndpointOptions endpoint;
  @Mixin RolloutOptions rollouts;

  /** Adds one flag per {@link RlSpec} field. */
  public static final class Fields implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec command) {
      return SpecOptions.declare(command, RlSpec.class, RlSpec.defaults());
    }
  }

  @Override
  public Integer call() {
    if (ablate.contains(Ablation.NO_SFT)) {
      throw new IllegalArgumentException("--ablate no-sft is a choice of model: give the base model as --model");
    }
    Set<Ablation> ablations = ablate.isEmpty() ? Set.of() : EnumSet.copyOf(ablate);
    RlSpec config = SpecOptions.of(spec, RlSpec.class, RlSpec.defaults())
        .resolve(place.config, RlSpec::requirePaths).ablated(ablations);
    TrainingInputs inputs = new TrainingInputs(config.inputs());
    var samples = inputs.samples();
    Path out = place.out;
    try (NDManager manager = NDManager.newBaseManager();
        HfTextTokenizer tokenizer = inputs.tokenizer();
        QwenVLModel policy = inputs.load(config.inputs().model(), manager);
        VisionLanguageModel ref = reference(config, inputs, policy, manager);
        JudgeCache cache = openCache(config, out)) {
      Judge j = cache == null ? null : new CachedJudge(JudgeOptions.build(config.judge(), endpoint), cache);
      RolloutEngine engine = rollouts.engine(policy, tokenizer, out, endpoint, System.err);
      RlTrainer.Parts parts = new RlTrainer.Parts(policy, ref, engine, inputs.encoder(tokenizer),
          TemplateSegmentLabeler.forTokenizer(tokenizer, ResponseParser.lenient()),
          new CoreRolloutScorer(config.reward()), j, tokenizer.specialTokens().pad());
      RlTrainer.Result r = new RlTrainer(parts, config).train(samples, out, place.resume, System.err);
      TrainingCurves.draw(out);
      spec.commandLine().getOut().printf("rl: %d optimizer steps, last loss %.4f, checkpoint %s, %s%n",
          r.optimizerSteps(), r.lastLoss(), r.finalCheckpoint(), inputs.saveFinal(policy, out));
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
  private VisionLanguageModel reference(RlSpec config, TrainingInputs inputs, QwenVLModel policy,
      NDManager manager) {
    lora.attach(policy, config.optimizer().seed(), manager);
    if (config.beta() <= 0) {
      return null;
    }
    if (lora.enabled()) {
      if (config.reference() != null) {
        throw new IllegalArgumentException("--reference does not apply with --lora-rank: the reference is --model "
            + "with the adapters switched off");
      }
      return new AdaptersOff(policy);
    }
    return inputs.load(config.referenceModel(), manager);
  }

  /** The judge's cache, or null when the run asks no judge (GRPO, or the perception reward switched off). */
  private static JudgeCache openCache(RlSpec config, Path out) throws IOException {
    if (!config.usesJudge()) {
      return null;
    }
    Path file = config.judge().cache() != null ? config.judge().cache() : out.resolve("judge-cache.jsonl");
    Files.createDirectories(file.toAbsolutePath().getParent());
    return JudgeCache.open(file);
  }
}
