package dev.videop2r.training.loop;

/**
 * Thrown when a loss or gradient norm is NaN or infinite. The update that would have used it is not applied,
 * and the message names the step and the last good checkpoint to resume from.
 */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
