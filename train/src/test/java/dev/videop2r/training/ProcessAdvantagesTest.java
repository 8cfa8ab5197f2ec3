package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessAdvantagesTest {
  private static ProcessRewards r(double perception, double reasoning) {
    return new ProcessRewards(0, 0, 0, 0, 0, 0, perception, reasoning);
  }

  /*
   * R_p = [2, 1, absent], R_r = [1, 1, 3], ε = 1e-4.
   * Perception over the two present: mean 1.5, unbiased std sqrt(0.5) = 0.70710678 → ±0.5 / 0.70720678 = ±0.70700679;
   *   the absent one gets 0.
   * Reasoning: mean 5/3, unbiased std sqrt((4/9 + 4/9 + 16/9) / 2) = 1.15470054 → (−2/3, −2/3, 4/3) / 1.15480054
   *   = (−0.5773003, −0.5773003, 1.1546005).
   * GRPO: totals [3, 2, absent] → ±0.70700679, 0.
   */
  @Test
  void processAwareAdvantagesMatchHandComputation() {
    List<ProcessRewards> g = List.of(r(2, 1), r(1, 1), r(Double.NaN, 3));
    ProcessAdvantages pa = ProcessAdvantages.of(g, Algorithm.PA_GRPO, true, 1e-4);
    assertArrayEquals(new double[] {0.70700679, -0.70700679, 0}, pa.perception(), 1e-7);
    assertArrayEquals(new double[] {-0.5773003, -0.5773003, 1.1546005}, pa.reasoning(), 1e-6);
    ProcessAdvantages grpo = ProcessAdvantages.of(g, Algorithm.GRPO, true, 1e-4);
    assertArrayEquals(new double[] {0.70700679, -0.70700679, 0}, grpo.perception(), 1e-7);
    assertArrayEquals(grpo.perception(), grpo.reasoning());
    ProcessAdvantages summed = ProcessAdvantages.of(g, Algorithm.PA_GRPO, false, 1e-4);
    assertArrayEquals(new double[] {0.70700679 - 0.5773003, -0.70700679 - 0.5773003, 1.1546005},
        summed.perception(), 1e-6);
  }

  @Test
  void advantagesLandOnTheirOwnSegments() {
    ProcessAdvantages pa = ProcessAdvantages.of(List.of(r(1, 0), r(0, 1)), Algorithm.PA_GRPO, true, 0);
    // A_p = (+0.7071, −0.7071), A_r = (−0.7071, +0.7071)
    float[] tokens = pa.tokens(0, new byte[] {Segment.PERCEPTION, Segment.REASONING, Segment.REASONING,
        Segment.NONE});
    assertArrayEquals(new float[] {0.70710677f, -0.70710677f, -0.70710677f, 0f}, tokens, 1e-6f);
  }

  @Test
  void aGroupCollapsesUnderPaGrpoOnlyWhenBothProcessesDo() {
    // Totals tie (1, 1): GRPO sees nothing to learn; the processes disagree, so PA-GRPO still has a signal.
    ProcessAdvantages mixed = ProcessAdvantages.of(List.of(r(1, 0), r(0, 1)), Algorithm.PA_GRPO, true, 1e-4);
    assertTrue(mixed.grpoCollapsed());
    assertFalse(mixed.collapsed());
    ProcessAdvantages flat = ProcessAdvantages.of(List.of(r(1, 1), r(1, 1)), Algorithm.PA_GRPO, true, 1e-4);
    assertTrue(flat.collapsed());
    assertArrayEquals(new double[] {0, 0}, flat.perception());
    ProcessAdvantages grpo = ProcessAdvantages.of(List.of(r(1, 0), r(0, 1)), Algorithm.GRPO, true, 1e-4);
    assertTrue(grpo.collapsed());
  }
}
