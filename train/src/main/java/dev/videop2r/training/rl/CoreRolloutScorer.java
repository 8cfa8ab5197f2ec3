package dev.videop2r.training.rl;

import dev.videop2r.data.Sample;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.reward.ProcessRewards;
import dev.videop2r.reward.ReasoningAccuracy;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.RewardConfig;
import java.util.Optional;

/**
 * The method's rewards (core {@link ProcessRewards}): r_acc^r from the task metric of the sample's problem type,
 * r_acc^p from the judge (a rollout without an observation scores 0: there is nothing to judge), formats and
 * lengths per process, with the terms the {@link RlObjective} keeps.
 */
public final class CoreRolloutScorer implements RolloutScorer {
  private final RewardConfig config;
  private final ProcessRewards rewards;

  public CoreRolloutScorer(RewardConfig config, RlObjective objective) {
    this.config = config;
    this.rewards = new ProcessRewards(config, objective);
  }

  @Override
  public RewardBreakdown score(Sample sample, RolloutSegments segments, Judgement judgement) {
    double accuracy = ReasoningAccuracy.score(sample.problemType(), segments.parsed(),
        AnswerExtractor.groundTruth(sample.solution(), config.mode()), sample.options(), config.mode()).score();
    Optional<Double> perception = judgement == null ? Optional.of(0.0) : judgement.perceptionAccuracy();
    return rewards.score(segments.parsed(), accuracy, perception, segments.tokens().perceptionLength(),
        segments.tokens().reasoningLength());
  }
}
