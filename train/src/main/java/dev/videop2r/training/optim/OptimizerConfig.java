package dev.videop2r.training.optim;

import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;

/**
 * The optimisation knobs both trainers share, each documented once in its {@link Doc}. The paper gives no
 * optimizer settings: the defaults are Video-R1's (assumed).
 */
@Group
public record OptimizerConfig(
    @Doc(value = "Peak learning rate.", assumed = true, flag = "lr", aliases = "learning-rate")
    double learningRate,
    @Doc(value = "Decay after warm-up: constant, linear (HF default, Video-R1 SFT) or cosine (Video-R1 RL).",
        assumed = true)
    LearningRateSchedule.Kind schedule,
    @Doc("Optimizer steps of linear warm-up from 0.")
    int warmupSteps,
    @Doc(value = "AdamW decoupled weight decay on matrices.", assumed = true)
    double weightDecay,
    @Doc(value = "AdamW first-moment decay β1.", flag = "adam-beta1")
    double beta1,
    @Doc(value = "AdamW second-moment decay β2.", flag = "adam-beta2")
    double beta2,
    @Doc(value = "AdamW denominator epsilon.", flag = "adam-epsilon")
    double epsilon,
    @Doc(value = "Clip the global gradient L2 norm to this; 0 disables clipping.", assumed = true)
    double maxGradNorm,
    @Doc("Seeds the data order and the rollout sampling: same seed and data, same run.")
    long seed,
    @Doc("Write a checkpoint every this many optimizer steps (and after the last).")
    int saveEvery,
    @Doc("How many of the newest checkpoints to keep on disk.")
    int keepCheckpoints) {

  public OptimizerConfig {
    InvalidFieldException.check(learningRate >= 0, "learningRate", "must be >= 0, got " + learningRate);
    InvalidFieldException.check(schedule != null, "schedule", "required");
    InvalidFieldException.check(warmupSteps >= 0, "warmupSteps", "must be >= 0, got " + warmupSteps);
    InvalidFieldException.check(saveEvery >= 1, "saveEvery", "must be >= 1, got " + saveEvery);
    InvalidFieldException.check(keepCheckpoints >= 1, "keepCheckpoints", "must be >= 1, got " + keepCheckpoints);
    InvalidFieldException.check(maxGradNorm >= 0, "maxGradNorm", "must be >= 0, got " + maxGradNorm);
    InvalidFieldException.check(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1), got " + beta1);
    InvalidFieldException.check(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1), got " + beta2);
    InvalidFieldException.check(epsilon > 0, "epsilon", "must be > 0, got " + epsilon);
    InvalidFieldException.check(weightDecay >= 0, "weightDecay", "must be >= 0, got " + weightDecay);
  }

  public AdamW.Hyper adamW() {
    return new AdamW.Hyper(beta1, beta2, epsilon, weightDecay);
  }

  public LearningRateSchedule scheduleFor(int totalSteps) {
    return new LearningRateSchedule(schedule, learningRate, warmupSteps, totalSteps);
  }

  /** Video-R1's SFT settings: lr 1e-6, linear decay, no weight decay, clip 5. */
  public static OptimizerConfig sftDefaults() {
    return new OptimizerConfig(1e-6, LearningRateSchedule.Kind.LINEAR, 0, 0.0, 0.9, 0.999, 1e-8, 5.0, 42, 500, 2);
  }

  /** Video-R1's RL settings: lr 1e-6, cosine, weight decay 0.01, clip 5. */
  public static OptimizerConfig rlDefaults() {
    return new OptimizerConfig(1e-6, LearningRateSchedule.Kind.COSINE, 0, 0.01, 0.9, 0.999, 1e-8, 5.0, 42, 50, 2);
  }
}
