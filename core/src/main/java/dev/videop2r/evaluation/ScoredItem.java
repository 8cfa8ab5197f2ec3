package dev.videop2r.evaluation;

/**
 * One item's score, kept so scores can be inspected and analyses rerun without the model.
 *
 * @param answer the extracted answer
 * @param score in [0, 1] (MRA for regression items)
 * @param status "ok", "missing" (no prediction) or "failed" (the prediction records an error)
 */
public record ScoredItem(String id, String answer, double score, String status) {}
