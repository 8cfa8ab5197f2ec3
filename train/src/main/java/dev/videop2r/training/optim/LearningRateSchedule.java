package dev.videop2r.training.optim;

import dev.videop2r.spec.InvalidFieldException;

/**
 * Learning rate as a function of the optimizer step (0-based), with the HF Trainer's formulas: a linear warm-up
 * {@code peak·step/warmupSteps}, then the decay {@code kind} from {@code peak} down to 0 at {@code totalSteps}.
 */
public record LearningRateSchedule(Kind kind, double peak, int warmupSteps, int totalSteps) {
  public enum Kind { CONSTANT, LINEAR, COSINE }

  public LearningRateSchedule {
    InvalidFieldException.check(peak >= 0 && !Double.isInfinite(peak), "learningRate",
        "must be a finite number >= 0, got " + peak);
    InvalidFieldException.check(warmupSteps >= 0, "warmupSteps", "must be >= 0, got " + warmupSteps);
    InvalidFieldException.check(totalSteps >= 1, "steps", "must be >= 1, got " + totalSteps);
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
