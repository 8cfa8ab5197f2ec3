package dev.videop2r.advantage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.objective.RlObjective;
import dev.videop2r.reward.RewardBreakdown;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AdvantagePropertiesTest {

  @Provide
  Arbitrary<List<Double>> groups() {
    return Arbitraries.doubles().between(0, 3.4).ofScale(2).list().ofMinSize(2).ofMaxSize(16);
  }

  @Property(tries = 500)
  void nonCollapsedAdvantagesSumToZero(@ForAll("groups") List<Double> rewards,
      @ForAll StdEstimator estimator) {
    double[] r = rewards.stream().mapToDouble(Double::doubleValue).toArray();
    GroupNormalizer.Normalized n = GroupNormalizer.normalize(r, 1e-4, estimator, 1e-6);
    double sum = 0;
    for (double a : n.advantages()) {
      sum += a;
    }
    assertEquals(0.0, sum, 1e-9);
    double min = rewards.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = rewards.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(max - min <= 1e-6, n.collapsed(), "collapse detection");
  }

  @Property(tries = 200)
  void equalRewardsCollapseToZeroAdvantages(@ForAll @DoubleRange(min = 0, max = 3.4) double value,
      @ForAll @IntRange(min = 1, max = 16) int size) {
    double[] r = new double[size];
    java.util.Arrays.fill(r, value);
    GroupNormalizer.Normalized n = GroupNormalizer.normalize(r, 1e-4, StdEstimator.UNBIASED, 1e-6);
    assertTrue(n.collapsed());
    for (double a : n.advantages()) {
      assertEquals(0.0, a);
    }
  }

  @Property(tries = 300)
  void paGrpoCollapsesOnlyWhenBothStreamsDo(@ForAll @Size(min = 2, max = 8) List<@IntRange(min = 0, max = 2) Integer> p,
      @ForAll @IntRange(min = 0, max = 2) int flatReasoning) {
    List<RewardBreakdown> group = new ArrayList<>();
    for (int v : p) {
      group.add(AdvantageEstimatorTest.rollout((double) v, flatReasoning));
    }
    GroupAdvantages g = new AdvantageEstimator(RlObjective.paGrpo(), AdvantageConfig.defaults()).group(group);
    assertTrue(g.reasoningCollapsed());
    assertEquals(p.stream().distinct().count() == 1, g.collapsed());
    if (!g.collapsed()) {
      assertFalse(g.perceptionCollapsed());
    }
  }
}
