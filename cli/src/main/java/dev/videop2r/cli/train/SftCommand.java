package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.SpecOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.sft.SftRun;
import dev.videop2r.training.sft.SftSpec;
import dev.videop2r.training.sft.SftTrainer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code videop2r sft}: supervised fine-tuning on a process-aware CoT dataset. Every setting of the run is a field
 * of {@link SftSpec}, with a flag each (added by {@link Fields}); {@code --config} reads them from a file.
 */
@Command(name = "sft", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = SftCommand.Fields.class,
    description = "Supervised fine-tuning on process-aware CoT data (loss on the assistant's tokens only). Every"
        + " setting can come from --config FILE (YAML or JSON, keys = field names, as in the run's config.yaml);"
        + " flags override it.")
public final class SftCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunPlace place;
  @Mixin LoraOptions lora;

  /** Adds one flag per {@link SftSpec} field. */
  public static final class Fields implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec command) {
      return SpecOptions.declare(command, SftSpec.class, SftSpec.defaults());
    }
  }

  @Override
  public Integer call() {
    SftSpec config = SpecOptions.of(spec, SftSpec.class, SftSpec.defaults()).resolve(place.config,
        SftSpec::requirePaths);
    new TrainingInputs(config.inputs()).announce(spec.commandLine().getErr());
    try (SftRun run = SftRun.open(config, place.out, new SftRun.Hooks() {
      @Override
      public void policyLoaded(QwenVLModel policy, NDManager manager) {
        lora.attach(policy, config.optimizer().seed(), manager);
      }
    })) {
      SftTrainer.Result r = run.train(place.resume, System.err);
      run.curves();
      spec.commandLine().getOut().printf("sft: %d steps, last loss %.4f, checkpoint %s, %s%n", r.steps(),
          r.lastLoss(), r.finalCheckpoint(), run.saveFinal());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
