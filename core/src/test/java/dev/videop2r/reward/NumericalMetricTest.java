package dev.videop2r.reward;

import static dev.videop2r.reward.ScoringMode.CORRECTED;
import static dev.videop2r.reward.ScoringMode.VIDEO_R1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed values and the Java-vs-Python pitfalls of video-r1.md §6.4 and §11. */
class NumericalMetricTest {

  private static double s(String pred, String gold, ScoringMode mode) {
    return NumericalMetric.score(pred, gold, mode);
  }

  @Test
  void commaCountsAsDecimalMarkInVideoR1() {
    assertEquals(0.0, s("1000", "1,000", VIDEO_R1));
    assertEquals(0.0, s("7243000", "7,243,000", VIDEO_R1));
    assertEquals(1.0, s("1,000", "1,000", VIDEO_R1));
    assertEquals(1.0, s("1000", "1,000", CORRECTED));
    assertEquals(1.0, s("7243000", "7,243,000", CORRECTED));
  }

  @Test
  void decimalConsistencyCheckInVideoR1() {
    assertEquals(0.0, s("4", "4.0", VIDEO_R1));
    assertEquals(1.0, s("4", "4.0", CORRECTED));
  }

  @Test
  void roundingToTwoDecimalsHalfEvenOnTheBinaryValue() {
    assertEquals(1.0, s("3.004", "3.0", VIDEO_R1));
    assertEquals(0.0, s("3.004", "3.0", CORRECTED));
    // Python round(0.125, 2) == 0.12 (exact binary tie, half to even); Math.round would give 0.13.
    assertEquals(1.0, s("0.125", "0.12", VIDEO_R1));
    assertEquals(0.0, s("0.125", "0.13", VIDEO_R1));
    // 2.675 is 2.67499999... in binary: Python round gives 2.67.
    assertEquals(1.0, s("2.675", "2.67", VIDEO_R1));
    assertEquals(0.0, s("2.675", "2.68", VIDEO_R1));
    // round(-0.001, 2) is -0.0, which equals 0.0
    assertEquals(1.0, s("-0.001", "0.00", VIDEO_R1));
  }

  @Test
  void pythonFloatParsingPolicy() {
    assertEquals(1.0, s("1_000", "1000", VIDEO_R1), "Python float accepts underscores");
    assertEquals(1.0, s("1e3", "1000", VIDEO_R1), "exponent");
    assertEquals(1.0, s("inf", "inf", VIDEO_R1), "inf == inf after round");
    assertEquals(1.0, s("Infinity", "INF", VIDEO_R1), "case-insensitive inf");
    assertEquals(0.0, s("nan", "nan", VIDEO_R1), "nan never equals");
    assertEquals(0.0, s("3d", "3", VIDEO_R1), "Java's parseDouble would accept 3d; Python rejects");
    assertEquals(0.0, s("0x10", "16", VIDEO_R1), "no hex");
    assertEquals(1.0, s("٣", "3", VIDEO_R1), "Unicode decimal digits");
    assertEquals(1.0, s("\u00a03", "3", VIDEO_R1), "NBSP is whitespace to Python");
    assertEquals(1.0, s("\u001c3\u001f", "3", VIDEO_R1), "U+001C..U+001F are whitespace to Python");
    assertEquals(0.0, s("3 apples", "3", VIDEO_R1), "units fail");
    assertEquals(0.0, s("", "3", VIDEO_R1), "empty fails");
  }

  @Test
  void correctedParsingPolicy() {
    assertEquals(0.0, s("1_000", "1000", CORRECTED));
    assertEquals(0.0, s("inf", "inf", CORRECTED));
    assertEquals(0.0, s("1,5", "15", CORRECTED), "bad thousands grouping is refused");
    assertEquals(1.0, s("+.5", "0.50", CORRECTED));
    assertEquals(1.0, s("5.", "5", CORRECTED));
    assertEquals(1.0, s("1e3", "1000", CORRECTED));
    assertEquals(0.0, s("1e99999999999", "1", CORRECTED), "exponent overflow is a parse failure");
  }

  @Test
  void pythonFloatParser() {
    assertEquals(0.5, PythonFloat.parse(" .5 ").getAsDouble());
    assertEquals(5.0, PythonFloat.parse("5.").getAsDouble());
    assertEquals(Double.NEGATIVE_INFINITY, PythonFloat.parse("-iNfInItY").getAsDouble());
    assertEquals(Double.POSITIVE_INFINITY, PythonFloat.parse("1e999").getAsDouble());
    assertEquals(true, PythonFloat.parse("1__0").isEmpty());
    assertEquals(true, PythonFloat.parse("_1").isEmpty());
    assertEquals(true, PythonFloat.parse(".").isEmpty());
    assertEquals(true, PythonFloat.parse("1e").isEmpty());
    assertEquals(true, PythonFloat.parse("3f").isEmpty());
  }
}
