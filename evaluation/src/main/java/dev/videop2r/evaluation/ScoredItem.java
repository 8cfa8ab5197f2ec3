package dev.videop2r.evaluation;

/**
 * One item's score, kept so scores can be inspected and analyses rerun without the model.
 *
 * @param answer the extracted answer
 * @param score in [0, 1] (MRA for regression items)
 */
public record ScoredItem(String id, String answer, double score, Status status) {

  /** Whether the item had a usable prediction; items without one score 0. */
  public enum Status {
    OK,
    /** No prediction for this item. */
    MISSING,
    /** The prediction records an error (missing video, model failure). */
    FAILED
  }
}
