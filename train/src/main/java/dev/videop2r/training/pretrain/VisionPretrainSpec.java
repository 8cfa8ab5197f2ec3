package dev.videop2r.training.pretrain;

import dev.videop2r.spec.Doc;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.optim.AdamW;
import java.util.Map;

/**
 * Every setting of a vision-pretraining run ({@link VisionPretrainer}), each documented once in its {@link Doc}.
 * The paper starts from a pretrained Qwen2.5-VL and has no such stage: it stands in for that pretraining when a
 * model starts from random weights (the quickstart), so every default is an assumption, tuned on the synthetic
 * world.
 */
public record VisionPretrainSpec(
    @Doc(value = "Optimizer steps; 0 skips vision pretraining.", assumed = true)
    int steps,
    @Doc(value = "Clips per optimizer step.", assumed = true)
    int batchClips,
    @Doc(value = "Peak AdamW learning rate (5 % linear warm-up, cosine decay).", assumed = true, flag = "lr")
    double learningRate,
    @Doc("Seeds the probe heads and the clip order.")
    long seed,
    @Doc("Activation checkpointing: keep only each vision block's input and recompute the block in the backward"
        + " (less memory, about one more forward's time, the same gradients).")
    boolean gradCheckpoint) {

  public VisionPretrainSpec {
    InvalidFieldException.check(steps >= 0, "steps", "must be >= 0, got " + steps);
    InvalidFieldException.check(batchClips >= 1, "batchClips", "must be >= 1, got " + batchClips);
    InvalidFieldException.check(learningRate > 0, "learningRate", "must be > 0, got " + learningRate);
  }

  /** 1200 steps of 8 clips at 2e-3: enough for the probes to read colour and shape on the synthetic world. */
  public static VisionPretrainSpec defaults() {
    return new VisionPretrainSpec(1200, 8, 2e-3, 42, false);
  }

  /** Whether the spec trains at all ({@code steps > 0}). */
  public boolean enabled() {
    return steps > 0;
  }

  /** This spec with the given fields set. */
  public VisionPretrainSpec with(Map<String, ?> values) {
    return Specs.with(this, values);
  }
}
