package dev.videop2r.training.rl;

/** Splits a completion into perception and reasoning tokens (template parser + tokenizer offsets behind it). */
@FunctionalInterface
public interface SegmentLabeler {
  RolloutSegments label(Rollout rollout);
}
