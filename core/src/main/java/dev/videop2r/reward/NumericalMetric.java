package dev.videop2r.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Numerical exact match.
 *
 * <p>Video-R1: 0 when exactly one side contains '.' or ',' (so "1,000" vs "1000" and "4.0" vs "4" score 0);
 * otherwise both are read with commas deleted by Python {@code float} (parse failure → 0) and compared after
 * Python {@code round(x, 2)} — half-to-even on the exact binary value, so 3.004 equals 3.0 and 2.675 rounds
 * to 2.67. "inf" equals "inf"; "nan" equals nothing.
 *
 * <p>Corrected: both sides read as exact decimals ({@link CorrectedNumber}) and compared exactly: "4.0" equals
 * "4", "1,000" equals "1000", 3.004 does not equal 3.0.
 */
public final class NumericalMetric {

  private NumericalMetric() {}

  public static double score(String prediction, String groundTruth, ScoringMode mode) {
    if (mode == ScoringMode.CORRECTED) {
      Optional<BigDecimal> p = CorrectedNumber.parse(prediction);
      Optional<BigDecimal> g = CorrectedNumber.parse(groundTruth);
      return p.isPresent() && g.isPresent() && p.get().compareTo(g.get()) == 0 ? 1.0 : 0.0;
    }
    if (hasDecimalMark(groundTruth) != hasDecimalMark(prediction)) {
      return 0.0;
    }
    OptionalDouble g = videoR1Number(groundTruth);
    OptionalDouble p = videoR1Number(prediction);
    if (g.isEmpty() || p.isEmpty()) {
      return 0.0;
    }
    return roundedEqual(g.getAsDouble(), p.getAsDouble()) ? 1.0 : 0.0;
  }

  /** Video-R1's decimal test: a comma counts as a decimal mark. */
  static boolean hasDecimalMark(String s) {
    return s.indexOf('.') >= 0 || s.indexOf(',') >= 0;
  }

  /** Video-R1's {@code normalize_number}: delete commas, then Python {@code float}. */
  static OptionalDouble videoR1Number(String s) {
    return PythonFloat.parse(s.replace(",", ""));
  }

  /** Python {@code round(a, 2) == round(b, 2)}. */
  static boolean roundedEqual(double a, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      return a == b; // Python rounds inf to inf and nan to nan; nan never equals
    }
    return round2(a).compareTo(round2(b)) == 0;
  }

  /** Python {@code round(x, 2)} for finite x: half-to-even on the exact binary value of x. */
  static BigDecimal round2(double x) {
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN);
  }
}
