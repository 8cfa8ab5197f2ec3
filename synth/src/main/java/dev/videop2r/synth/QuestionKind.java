package dev.videop2r.synth;

/** The question families, each needing perception over time. */
public enum QuestionKind {
  EVENT_ORDER,
  DIRECTION,
  COLOUR_CHANGES,
  DISTANCE,
  TEXT,
  DESCRIPTION
}
