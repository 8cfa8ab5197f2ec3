package dev.videop2r.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmoothingTest {

  @Test
  void debiasedEmaMatchesTensorBoardsFormula() {
    double w = 0.6;
    double[] s = Smoothing.ema(new double[] {1, 0, 1}, w);
    // m1 = 0.4, m2 = 0.24, m3 = 0.544; debiased by 1 - w^n.
    assertEquals(1.0, s[0], 1e-12, "the first point is its own average, not pulled toward 0");
    assertEquals(0.24 / (1 - w * w), s[1], 1e-12);
    assertEquals(0.544 / (1 - w * w * w), s[2], 1e-12);
  }

  @Test
  void aConstantSeriesStaysConstantAndGapsStayGaps() {
    double[] s = Smoothing.ema(new double[] {3, 3, Double.NaN, 3}, 0.9);
    assertEquals(3, s[0], 1e-12);
    assertEquals(3, s[1], 1e-12);
    assertTrue(Double.isNaN(s[2]));
    assertEquals(3, s[3], 1e-12);
  }

  @Test
  void weightZeroIsTheRawSeriesAndNoiseIsDamped() {
    double[] y = {0, 1, 0, 1, 0, 1, 0, 1};
    assertArrayEquals(y, Smoothing.ema(y, 0), 0);
    double[] s = Smoothing.ema(y, 0.6);
    assertTrue(Math.abs(s[7] - s[6]) < 0.5, "the smoothed line moves less than the raw one");
    assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(y, 1));
  }
}
