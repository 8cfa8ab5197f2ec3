package dev.videop2r.training;

import dev.videop2r.data.Sample;
import dev.videop2r.pipeline.Judgement;

/** The core's reward functions behind one call: both processes' accuracy, format and length rewards. */
@FunctionalInterface
public interface RolloutScorer {
  /**
   * @param judgement the perception judge's verdict on the observation; null when the judge was not asked
   *     (no perception reward in this run, or no observation to judge)
   */
  ProcessRewards score(Sample sample, RolloutSegments segments, Judgement judgement);
}
