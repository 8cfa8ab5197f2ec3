package dev.videop2r.advantage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.template.ProcessTokens;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.TokenOffsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvantageEstimatorTest {

  /** A rollout with R_p = p (absent when null) and R_r = r. */
  static RewardBreakdown rollout(Double p, double r) {
    return new RewardBreakdown(Optional.ofNullable(p), 0, 0, r, 0, 0, p != null);
  }

  @Test
  void unbiasedStdWithEpsilonOnTheStd() {
    GroupNormalizer.Normalized n = GroupNormalizer.normalize(new double[] {1, 0, 0, 0}, 1e-4,
        StdEstimator.UNBIASED, 1e-6);
    // mean 0.25; unbiased variance (0.5625 + 3·0.0625) / 3 = 0.25; std 0.5
    assertEquals(0.25, n.mean());
    assertEquals(0.5, n.std());
    assertArrayEquals(new double[] {0.75 / 0.5001, -0.25 / 0.5001, -0.25 / 0.5001, -0.25 / 0.5001},
        n.advantages(), 1e-15);
    assertFalse(n.collapsed());
  }

  @Test
  void biasedStd() {
    GroupNormalizer.Normalized n = GroupNormalizer.normalize(new double[] {1, 0, 0, 0}, 0, StdEstimator.BIASED, 0);
    assertEquals(Math.sqrt(0.75 / 4), n.std(), 1e-15);
    assertEquals(0.75 / Math.sqrt(0.1875), n.advantage(0), 1e-12);
  }

  @Test
  void noScoreRolloutsAreLeftOutOfThePerceptionStream() {
    AdvantageEstimator pa = new AdvantageEstimator(RlObjective.paGrpo(), AdvantageConfig.defaults());
    GroupAdvantages g = pa.group(List.of(rollout(2.0, 1.0), rollout(null, 1.0), rollout(0.0, 2.0)));
    // perception over {2, 0}: mean 1, unbiased std sqrt(2)
    double s = Math.sqrt(2) + 1e-4;
    assertArrayEquals(new double[] {1 / s, 0.0, -1 / s}, g.perception(), 1e-12);
    // reasoning over {1, 1, 2}: mean 4/3, std sqrt(1/3)
    double rs = Math.sqrt(1.0 / 3) + 1e-4;
    assertArrayEquals(new double[] {(1 - 4.0 / 3) / rs, (1 - 4.0 / 3) / rs, (2 - 4.0 / 3) / rs}, g.reasoning(),
        1e-12);
  }

  @Test
  void grpoUsesTheReasoningRewardAloneOnEveryToken() {
    // Paper §5.2: the process-agnostic baseline assigns a single reasoning reward; R_p plays no part (an unscored
    // or differing perception reward changes nothing).
    AdvantageEstimator grpo = new AdvantageEstimator(RlObjective.of(Algorithm.GRPO), AdvantageConfig.defaults());
    GroupAdvantages g = grpo.group(List.of(rollout(1.0, 1.0), rollout(null, 5.0), rollout(0.0, 0.0)));
    // reasoning {1, 5, 0}: mean 2, unbiased std sqrt(7)
    double s = Math.sqrt(7) + 1e-4;
    assertArrayEquals(new double[] {-1 / s, 3 / s, -2 / s}, g.reasoning(), 1e-12);
    assertEquals(g.tokenAdvantage(1, true), g.tokenAdvantage(1, false));
    assertEquals(3 / s, g.tokenAdvantage(1, true), 1e-12);
    GroupAdvantages perceptionOnly = grpo.group(List.of(rollout(2.0, 1.0), rollout(0.0, 1.0)));
    assertTrue(perceptionOnly.collapsed(), "a group that differs only in R_p gives GRPO nothing to learn");
  }

  @Test
  void collapseUnderGrpoAndPaGrpo() {
    List<RewardBreakdown> sameTotalDifferentProcesses = List.of(rollout(2.0, 0.0), rollout(0.0, 2.0));
    List<RewardBreakdown> sameReasoning = List.of(rollout(2.0, 1.0), rollout(0.0, 1.0));
    AdvantageEstimator grpo = new AdvantageEstimator(RlObjective.of(Algorithm.GRPO), AdvantageConfig.defaults());
    AdvantageEstimator pa = new AdvantageEstimator(RlObjective.paGrpo(), AdvantageConfig.defaults());
    assertFalse(grpo.group(sameTotalDifferentProcesses).collapsed());
    assertTrue(grpo.group(sameReasoning).collapsed());
    assertFalse(pa.group(sameReasoning).collapsed());

    List<RewardBreakdown> perceptionOnlyFlat = List.of(rollout(1.0, 0.0), rollout(1.0, 2.0));
    GroupAdvantages g = pa.group(perceptionOnlyFlat);
    assertTrue(g.perceptionCollapsed());
    assertFalse(g.reasoningCollapsed());
    assertFalse(g.collapsed(), "PA-GRPO collapses only when both processes do");
    assertArrayEquals(new double[] {0, 0}, g.perception());

    GroupAdvantages both = pa.group(List.of(rollout(1.0, 2.0), rollout(1.0, 2.0)));
    assertTrue(both.collapsed());
    assertEquals(new CollapseStats(3, 1, 2, 1), CollapseStats.of(List.of(g, both, pa.group(sameTotalDifferentProcesses))));
  }

  @Test
  void singleScoredRolloutHasNoSpread() {
    GroupAdvantages g = new AdvantageEstimator(RlObjective.paGrpo(), AdvantageConfig.defaults())
        .group(List.of(rollout(1.0, 1.0), rollout(null, 0.0)));
    assertTrue(g.perceptionCollapsed());
    assertArrayEquals(new double[] {0, 0}, g.perception());
  }

  @Test
  void perTokenVectorsFollowTheProcessOfEachToken() {
    String text = "<observation>o</observation><think>t</think><answer>A</answer>";
    TokenOffsets offsets = new TokenOffsets(new int[] {0, 28, 44, 62}, new int[] {28, 44, 62, 62});
    ProcessTokens tokens = ProcessTokens.assign(ResponseParser.lenient().parse(text), offsets);
    List<RewardBreakdown> group = List.of(rollout(2.0, 0.0), rollout(0.0, 2.0));
    GroupAdvantages pa = new AdvantageEstimator(RlObjective.paGrpo(), AdvantageConfig.defaults()).group(group);
    float ap = (float) pa.perception()[0];
    float ar = (float) pa.reasoning()[0];
    assertArrayEquals(new float[] {ap, ar, ar, ar}, AdvantageEstimator.tokenAdvantages(pa, 0, tokens));
    assertTrue(ap > 0 && ar < 0);

    GroupAdvantages noSep = new AdvantageEstimator(
        RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_SEPARATION), AdvantageConfig.defaults()).group(group);
    float sum = (float) (noSep.perception()[0] + noSep.reasoning()[0]);
    assertArrayEquals(new float[] {sum, sum, sum, sum}, AdvantageEstimator.tokenAdvantages(noSep, 0, tokens));
  }
}
