package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.SpecOptions;
import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.cli.data.JudgeOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.lora.AdaptersOff;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.rl.RlRun;
import dev.videop2r.training.rl.RlSpec;
import dev.videop2r.training.rl.RlTrainer;
import dev.videop2r.training.rl.RolloutEngine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @Mixin LoraOptions lora;
  @Mixin EndpointOptions endpoint;
  @Mixin RolloutOptions rollouts;

  /** Adds one flag per {@link RlSpec} field, and the former ablation switches as hidden flags. */
  public static final class Fields implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec command) {
      FormerSwitches.declare(command);
      return SpecOptions.declare(command, RlSpec.class, RlSpec.defaults());
    }
  }

  @Override
  public Integer call() {
    RlSpec resolved = SpecOptions.of(spec, RlSpec.class, RlSpec.defaults()).upgrading(RlSpec::upgrade)
        .resolve(place.config, RlSpec::requirePaths);
    RlSpec config = FormerSwitches.apply(resolved, spec.commandLine().getParseResult());
    new TrainingInputs(config.inputs()).announce(spec.commandLine().getErr());
    try (RlRun run = RlRun.open(config, place.out, new Hooks(config.optimizer().seed()))) {
      RlTrainer.Result r = run.train(place.resume, System.err);
      run.curves();
      spec.commandLine().getOut().printf("rl: %d optimizer steps, last loss %.4f, checkpoint %s, %s%n",
          r.optimizerSteps(), r.lastLoss(), r.finalCheckpoint(), run.saveFinal());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** The command's parts of the run: the judge's endpoint, LoRA adapters, rollout servers. */
  private final class Hooks implements RlRun.Hooks {
    private final long seed;

    Hooks(long seed) {
      this.seed = seed;
    }

    @Override
    public Judge judge(JudgeSpec judge) {
      return JudgeOptions.build(judge, endpoint);
    }

    @Override
    public void policyLoaded(QwenVLModel policy, NDManager manager) {
      lora.attach(policy, seed, manager);
    }

    /** With LoRA the policy with its adapters switched off (no second copy); otherwise the reference model. */
    @Override
    public VisionLanguageModel reference(RlSpec config, QwenVLModel policy, TrainingInputs inputs,
        NDManager manager) {
      if (!lora.enabled()) {
        return RlRun.Hooks.super.reference(config, policy, inputs, manager);
      }
      if (config.reference() != null) {
        throw new IllegalArgumentException("--reference does not apply with --lora-rank: the reference is --model "
            + "with the adapters switched off");
      }
      return new AdaptersOff(policy);
    }

    @Override
    public RolloutEngine engine(QwenVLModel policy, HfTextTokenizer tokenizer, Path out) {
      return rollouts.engine(policy, tokenizer, out, endpoint, System.err);
    }
  }
}
