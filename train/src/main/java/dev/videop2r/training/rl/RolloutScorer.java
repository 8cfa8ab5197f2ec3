package dev.videop2r.training.rl;

import dev.videop2r.data.Sample;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.reward.RewardBreakdown;

/** Both processes' accuracy, format and length rewards of one rollout (the core's reward code behind it). */
@FunctionalInterface
public interface RolloutScorer {
  /**
   * @param judgement the perception judge's verdict on the observation; null when the judge was not asked
   *     (no perception reward in this run, or no observation to judge)
   */
  RewardBreakdown score(Sample sample, RolloutSegments segments, Judgement judgement);
}
