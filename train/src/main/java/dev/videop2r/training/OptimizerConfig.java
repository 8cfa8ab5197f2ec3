package dev.videop2r.training;

/**
 * The optimisation knobs both trainers share. Each is named and documented here once.
 *
 * @param learningRate peak learning rate (paper / Video-R1: 1e-6 for SFT and RL)
 * @param schedule decay after warm-up: CONSTANT, LINEAR (HF default, Video-R1 SFT) or COSINE (Video-R1 RL)
 * @param warmupSteps optimizer steps of linear warm-up from 0 (default 0)
 * @param weightDecay AdamW decoupled weight decay on matrices (0.0 for SFT, 0.01 for RL in Video-R1)
 * @param beta1 AdamW first-moment decay (0.9)
 * @param beta2 AdamW second-moment decay (0.999)
 * @param epsilon AdamW denominator epsilon (1e-8)
 * @param maxGradNorm clip the global gradient L2 norm to this (5.0 in Video-R1); 0 disables clipping
 * @param seed seeds the data order and the rollout sampling; same seed + same data = same run
 * @param saveEvery write a checkpoint every this many optimizer steps (and always after the last)
 * @param keepCheckpoints how many of the newest checkpoints to keep on disk
 */
public record OptimizerConfig(
    double learningRate,
    LearningRateSchedule.Kind schedule,
    int warmupSteps,
    double weightDecay,
    double beta1,
    double beta2,
    double epsilon,
    double maxGradNorm,
    long seed,
    int saveEvery,
    int keepCheckpoints) {

  public OptimizerConfig {
    if (saveEvery < 1) {
      throw new IllegalArgumentException("--save-every must be >= 1, got " + saveEvery);
    }
    if (!(maxGradNorm >= 0)) {
      throw new IllegalArgumentException("--max-grad-norm must be >= 0, got " + maxGradNorm);
    }
    new AdamW.Hyper(beta1, beta2, epsilon, weightDecay);
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

  public OptimizerConfig withLearningRate(double lr) {
    return new OptimizerConfig(lr, schedule, warmupSteps, weightDecay, beta1, beta2, epsilon, maxGradNorm, seed,
        saveEvery, keepCheckpoints);
  }
}
