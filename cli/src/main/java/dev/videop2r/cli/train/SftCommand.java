package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.training.OptimizerConfig;
import dev.videop2r.training.SftConfig;
import dev.videop2r.training.SftTrainer;
import dev.videop2r.training.TrainingCurves;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r sft}: supervised fine-tuning on a process-aware CoT dataset. */
@Command(name = "sft", mixinStandardHelpOptions = true,
    description = "Supervised fine-tuning on process-aware CoT data (loss on the assistant's tokens only).")
public final class SftCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunInputs inputs;
  @Mixin OptimizerOptions optimizer;
  @Mixin LoraOptions lora;

  @Option(names = "--batch-size", defaultValue = "8", description = "Conversations per micro-batch (default 8).")
  int batchSize;

  @Option(names = "--grad-accum", defaultValue = "2", description = "Micro-batches per optimizer step (default 2).")
  int gradAccum;

  @Option(names = "--epochs", defaultValue = "1", description = "Passes over the data (default 1).")
  double epochs;

  @Option(names = "--max-steps", defaultValue = "0", description = "Stop after N optimizer steps (0 = epochs).")
  int maxSteps;

  @Option(names = "--no-shuffle", description = "Visit samples in file order.")
  boolean noShuffle;

  @Option(names = "--freeze-vision",
      description = "Train the decoder only; keep visual.* (vision tower, merger) fixed.")
  boolean freezeVision;

  @Override
  public Integer call() {
    OptimizerConfig o = optimizer.apply(OptimizerConfig.sftDefaults());
    SftConfig config = new SftConfig(o, batchSize, gradAccum, epochs, maxSteps, !noShuffle, freezeVision);
    var samples = inputs.samples();
    try (NDManager manager = NDManager.newBaseManager();
        HfTextTokenizer tokenizer = inputs.tokenizer();
        QwenVLModel model = inputs.load(inputs.model, manager)) {
      lora.attach(model, o.seed(), manager);
      SftTrainer.Result r = new SftTrainer(model, config, tokenizer.specialTokens().pad())
          .train(samples, inputs.encoder(tokenizer), inputs.out, inputs.resume, System.err);
      TrainingCurves.draw(inputs.out);
      spec.commandLine().getOut().printf("sft: %d steps, last loss %.4f, checkpoint %s, %s%n", r.steps(), r.lastLoss(),
          r.finalCheckpoint(), inputs.saveFinal(model));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
