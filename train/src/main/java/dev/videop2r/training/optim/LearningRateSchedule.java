package dev.videop2r.training.optim;

/**
 * Learning rate as a function of the optimizer step (0-based), with the HF Trainer's formulas: a linear warm-up
 * {@code peak·step/warmupSteps}, then the decay {@code kind} from {@code peak} down to 0 at {@code totalSteps}.
 */
public record LearningRateSchedule(Kind kind, double peak, int warmupSteps, int totalSteps) {
  public enum Kind { CONSTANT, LINEAR, COSINE }

  public LearningRateSchedule {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("--lr must be a finite number >= 0, got " + peak);
    }
    if (warmupSteps < 0 || totalSteps < 1) {
      throw new IllegalArgumentException(
          "schedule needs --warmup-steps >= 0 and at least one step, got " + warmupSteps + "/" + totalSteps);
    }
  }

  public double at(int step) {
    if (step < warmupSteps) {
      return peak * step / (double) warmupSteps;
    }
    double decaySteps = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (step - warmupSteps) / decaySteps);
    return switch (kind) {
      case CONSTANT -> peak;
      case LINEAR -> peak * (1.0 - progress);
      case COSINE -> peak * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    };
  }
}
