package dev.videop2r.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NiceTicksTest {

  private static List<String> labels(NiceTicks t) {
    return t.values().stream().map(t::label).toList();
  }

  @Test
  void aValueAxisWidensToRoundTicks() {
    NiceTicks t = NiceTicks.of(0.412, 0.753, 6, true, false);
    assertEquals(List.of("0.40", "0.45", "0.50", "0.55", "0.60", "0.65", "0.70", "0.75", "0.80"), labels(t));
    assertEquals(0.40, t.lower(), 1e-12);
    assertEquals(0.80, t.upper(), 1e-12);
  }

  @Test
  void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
    for (double[] range : new double[][] {{0, 12.8}, {3.3, 97.1}, {-0.02, 0.031}, {1e-6, 2.3e-5}, {0, 1}}) {
      NiceTicks t = NiceTicks.of(range[0], range[1], 6, true, false);
      double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step())));
      assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
          "step " + t.step() + " for " + range[0] + ".." + range[1]);
      assertTrue(t.lower() <= range[0] && t.upper() >= range[1], "covers the data");
      assertTrue(t.values().size() >= 3 && t.values().size() <= 12, "ticks " + t.values());
    }
    assertEquals(List.of("0", "2", "4", "6", "8", "10", "12", "14"), labels(NiceTicks.of(0, 12.8, 6, true, false)));
  }

  @Test
  void aStepAxisKeepsTheDataRangeAndWholeSteps() {
    NiceTicks t = NiceTicks.of(1, 8, 8, false, true);
    assertEquals(1, t.lower());
    assertEquals(8, t.upper());
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), labels(t));
    NiceTicks few = NiceTicks.of(1, 3, 8, false, true);
    assertEquals(List.of("1", "2", "3"), labels(few), "never half an optimizer step");
  }

  @Test
  void tinyAndHugeValuesUseShortScientificLabels() {
    assertEquals(List.of("0", "5e-6", "1e-5", "1.5e-5", "2e-5", "2.5e-5"),
        labels(NiceTicks.of(0, 2.1e-5, 6, true, false)));
    assertEquals("2e6", NiceTicks.of(0, 2e6, 5, true, false).label(2e6));
  }

  @Test
  void aFlatSeriesStillGetsAnAxis() {
    NiceTicks t = NiceTicks.of(0.5, 0.5, 6, true, false);
    assertTrue(t.lower() < 0.5 && t.upper() > 0.5, t.toString());
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.of(Double.NaN, 1, 6, true, false));
  }
}
