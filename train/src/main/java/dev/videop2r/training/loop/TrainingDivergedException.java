package dev.videop2r.training.loop;

import dev.videop2r.spec.FieldMessage;
import dev.videop2r.spec.FieldMessageException;

/**
 * Thrown when a loss or gradient norm is NaN or infinite. The update that would have used it is not applied,
 * and the message names the step and the last good checkpoint to resume from (and the setting that resumes).
 */
public final class TrainingDivergedException extends FieldMessageException {
  public TrainingDivergedException(FieldMessage text) {
    super(text, null);
  }
}
