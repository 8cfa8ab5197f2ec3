package dev.videop2r.training.sft;

import dev.videop2r.spec.Doc;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.RunInputs;
import dev.videop2r.training.optim.OptimizerConfig;
import java.util.Map;

/**
 * Every setting of an SFT run, each documented once in its {@link Doc}: what {@code config.yaml} holds, what
 * {@code sft --config} reads, what the run identity covers. Defaults are the paper's (method §3) where it states
 * them and Video-R1's (assumed) otherwise.
 */
public record SftSpec(
    RunInputs inputs,
    OptimizerConfig optimizer,
    @Doc(value = "Conversations per micro-batch (one forward/backward; paper: 8).")
    int batchSize,
    @Doc(value = "Micro-batches per optimizer step (paper: 2).", flag = "grad-accum",
        aliases = "gradient-accumulation")
    int gradientAccumulation,
    @Doc("Passes over the dataset (paper: 1); steps = ceil(epochs · N / (batchSize · gradientAccumulation)).")
    double epochs,
    @Doc("When > 0, stop after this many optimizer steps instead (smoke runs).")
    int maxSteps,
    @Doc("Visit samples in a seeded random order per epoch (otherwise file order).")
    boolean shuffle,
    @Doc("Leave the vision tower and merger (visual.*) as they are and train the decoder only.")
    boolean freezeVision,
    @Doc("Activation checkpointing: keep only each decoder layer's (and trained vision block's) input and"
        + " recompute the layer in the backward: less activation memory, about one more forward's time, the same"
        + " gradients.")
    boolean gradCheckpoint) {

  public SftSpec {
    InvalidFieldException.check(inputs != null, "inputs", "required");
    InvalidFieldException.check(optimizer != null, "optimizer", "required");
    InvalidFieldException.check(batchSize >= 1, "batchSize", "must be >= 1, got " + batchSize);
    InvalidFieldException.check(gradientAccumulation >= 1, "gradientAccumulation",
        "must be >= 1, got " + gradientAccumulation);
    InvalidFieldException.check(maxSteps >= 0, "maxSteps", "must be >= 0, got " + maxSteps);
    InvalidFieldException.check(epochs > 0 || maxSteps > 0, "epochs",
        "must be > 0 (or set maxSteps), got " + epochs);
  }

  /** The paper's SFT setting: one epoch, batch 8, accumulation 2, Video-R1's optimizer; inputs without paths. */
  public static SftSpec defaults() {
    return new SftSpec(RunInputs.defaults(), OptimizerConfig.sftDefaults(), 8, 2, 1.0, 0, true, false, false);
  }

  /** Refuses a spec without a model, data or media root (they have no defaults); errors name the field. */
  public void requirePaths() {
    try {
      inputs.requirePaths();
    } catch (InvalidFieldException e) {
      throw e.under("inputs");
    }
  }

  /** This spec with the given fields (dotted paths, e.g. {@code optimizer.learningRate}) set. */
  public SftSpec with(Map<String, ?> values) {
    return Specs.with(this, values);
  }

  public int totalSteps(int datasetSize) {
    if (maxSteps > 0) {
      return maxSteps;
    }
    return (int) Math.max(1, Math.ceil(epochs * datasetSize / (double) (batchSize * gradientAccumulation)));
  }
}
