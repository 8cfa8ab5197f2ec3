package dev.videop2r.bench;

import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.reward.ProcessRewards;
import dev.videop2r.reward.ReasoningAccuracy;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ResponseParser;
import java.util.Optional;

/**
 * What scoring one rollout costs in training: parse the template, extract and score the answer, compute R_p and R_r
 * (the judge's verdict and the token lengths are inputs, so they are fixed here).
 */
final class CompletionScorer {

  private final ResponseParser parser = ResponseParser.lenient();
  private final ProcessRewards rewards;
  private final ScoringMode mode;

  CompletionScorer(ScoringMode mode) {
    this.mode = mode;
    this.rewards = new ProcessRewards(RewardConfig.defaults().withMode(mode));
  }

  double score(SyntheticCompletions.Item item) {
    ParsedResponse parsed = parser.parse(item.completion());
    String gold = AnswerExtractor.groundTruth(item.groundTruth());
    double accuracy = ReasoningAccuracy.score(item.type(), parsed, gold, item.options(), mode).score();
    RewardBreakdown r = rewards.score(parsed, accuracy, Optional.of(1.0), 200, 400);
    return r.perception().orElse(0.0) + r.reasoning();
  }
}
