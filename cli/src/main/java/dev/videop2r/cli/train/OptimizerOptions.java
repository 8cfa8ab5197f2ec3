package dev.videop2r.cli.train;

import dev.videop2r.training.LearningRateSchedule;
import dev.videop2r.training.OptimizerConfig;
import picocli.CommandLine.Option;

/** The optimisation flags shared by {@code sft} and {@code rl}; defaults are filled from the trainer's own. */
final class OptimizerOptions {
  @Option(names = "--lr", description = "Peak learning rate (default 1e-6).")
  Double lr;

  @Option(names = "--schedule", description = "constant, linear or cosine (sft default linear, rl cosine).")
  String schedule;

  @Option(names = "--warmup-steps", description = "Linear warm-up steps (default 0).")
  Integer warmupSteps;

  @Option(names = "--weight-decay", description = "AdamW decoupled weight decay (sft 0.0, rl 0.01).")
  Double weightDecay;

  @Option(names = "--max-grad-norm", description = "Clip the global gradient norm (default 5; 0 = off).")
  Double maxGradNorm;

  @Option(names = "--seed", description = "Seed of the data order and rollout sampling (default 42).")
  Long seed;

  @Option(names = "--save-every", description = "Checkpoint every N optimizer steps (sft 500, rl 50).")
  Integer saveEvery;

  @Option(names = "--keep-checkpoints", description = "Newest checkpoints kept on disk (default 2).")
  Integer keep;

  OptimizerConfig apply(OptimizerConfig d) {
    LearningRateSchedule.Kind kind = d.schedule();
    if (schedule != null) {
      try {
        kind = LearningRateSchedule.Kind.valueOf(schedule.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--schedule must be constant, linear or cosine, got '" + schedule + "'");
      }
    }
    return new OptimizerConfig(or(lr, d.learningRate()), kind, or(warmupSteps, d.warmupSteps()),
        or(weightDecay, d.weightDecay()), d.beta1(), d.beta2(), d.epsilon(), or(maxGradNorm, d.maxGradNorm()),
        or(seed, d.seed()), or(saveEvery, d.saveEvery()), or(keep, d.keepCheckpoints()));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
