package dev.videop2r.pipeline;

/** What happened to one input sample in the CoT pipeline. */
public enum Fate {
  /** Passed every step; it is in the output dataset. */
  KEPT,
  /** The teacher's answer scored below the threshold or broke the template. */
  DROPPED_VERIFY,
  /** The judge found the observation insufficient. */
  DROPPED_JUDGE,
  /** A step failed (unreadable record or media, teacher unreachable, judge gave no score). */
  ERRORED
}
