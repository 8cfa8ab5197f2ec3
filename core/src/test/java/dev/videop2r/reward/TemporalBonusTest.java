package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** T-GRPO's temporal bonus on hand-computed groups (G = 8 ordered, 4 shuffled; α 0.3, μ 0.8, threshold 0.1). */
class TemporalBonusTest {
  private static final TemporalBonus T = TemporalBonus.videoR1();

  @Test
  void orderedFramesBeatingShuffledOnesEarnTheBonusForAccurateRolloutsOnly() {
    // p = 4/8 = 0.5; p̃ = 1/4 = 0.25; 0.5 >= 0.8·0.25 = 0.2
    double[] ordered = {1, 1, 0, 0, 1, 0, 1, 0};
    double[] shuffled = {0, 1, 0, 0};
    assertArrayEquals(new double[] {0.3, 0.3, 0, 0, 0.3, 0, 0.3, 0}, T.bonuses(ordered, shuffled));
  }

  @Test
  void shuffledFramesDoingBetterGiveNoBonus() {
    // p = 2/8 = 0.25; p̃ = 2/4 = 0.5; 0.25 < 0.4
    double[] ordered = {1, 1, 0, 0, 0, 0, 0, 0};
    double[] shuffled = {1, 0, 1, 0};
    assertFalse(T.earned(ordered, shuffled));
    assertArrayEquals(new double[8], T.bonuses(ordered, shuffled));
  }

  @Test
  void theComparisonIsNonStrictAndTheThresholdStrict() {
    // p = 0.4 (mean of 8 × 0.4); p̃ = 0.5; 0.4 >= 0.8·0.5 in float32: earned. 0.1 itself is not above 0.1.
    double[] ordered = {0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4};
    assertTrue(T.earned(ordered, new double[] {0.5, 0.5, 0.5, 0.5}));
    double[] partial = {0.1, 0.11, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0};
    assertArrayEquals(new double[] {0, 0.3, 0.3, 0, 0, 0, 0, 0}, T.bonuses(partial, new double[] {0, 0, 0, 0}));
  }

  @Test
  void allWrongEarnsButNobodyQualifies() {
    double[] zeros = new double[8];
    assertTrue(T.earned(zeros, new double[4]), "0 >= 0.8·0");
    assertArrayEquals(new double[8], T.bonuses(zeros, new double[4]));
  }

  @Test
  void needsBothSets() {
    assertThrows(IllegalArgumentException.class, () -> T.bonuses(new double[] {1}, new double[0]));
  }
}
