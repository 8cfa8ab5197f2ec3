package dev.videop2r.evaluation;

/** What reading one annotation record produced: an item, a record left out by a subset rule, or an error. */
public sealed interface LoadEvent {

  /** A usable item. */
  record Loaded(EvalItem item) implements LoadEvent {}

  /**
   * A well-formed record outside the evaluated subset (e.g. an open-ended MMVU question).
   *
   * @param id the id a prediction for it would carry, or "" when the format gives it none
   */
  record Excluded(String location, String id, String reason) implements LoadEvent {}

  /** A record that could not be read; it is reported and counted, never silently dropped. */
  record Malformed(RecordError error) implements LoadEvent {}
}
