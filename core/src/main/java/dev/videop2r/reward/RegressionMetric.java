package dev.videop2r.reward;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Regression accuracy, 1 − clipped relative error (training reward; evaluation uses
 * {@link MeanRelativeAccuracy}).
 *
 * <p>Video-R1: both read with commas deleted by Python {@code float} (failure → 0), then
 * {@code 1 − min(1, max(0, (|p − g| + 1e-9) / (|g| + 1e-9)))} with Python's {@code max}/{@code min}, which
 * return their first argument when the comparison involves NaN: a "nan" prediction scores 1.0. A correct 0
 * for a gold 0 scores 0 (the ratio is 1e-9 / 1e-9).
 *
 * <p>Corrected: exact decimals ({@link CorrectedNumber}), {@code 1 − min(1, |p − g| / |g|)}; a gold 0 scores 1
 * only for a prediction of 0.
 */
public final class RegressionMetric {

  private RegressionMetric() {}

  public static double score(String prediction, String groundTruth, ScoringMode mode) {
    if (mode == ScoringMode.CORRECTED) {
      Optional<BigDecimal> p = CorrectedNumber.parse(prediction);
      Optional<BigDecimal> g = CorrectedNumber.parse(groundTruth);
      if (p.isEmpty() || g.isEmpty()) {
        return 0.0;
      }
      // Exact decimals: a huge value such as 1e400 must not overflow a double into inf / inf = NaN.
      BigDecimal error = p.get().subtract(g.get()).abs();
      BigDecimal gold = g.get().abs();
      if (error.compareTo(gold) >= 0) {
        return gold.signum() == 0 && error.signum() == 0 ? 1.0 : 0.0;
      }
      return 1.0 - error.divide(gold, MathContext.DECIMAL64).doubleValue();
    }
    OptionalDouble g = NumericalMetric.videoR1Number(groundTruth);
    OptionalDouble p = NumericalMetric.videoR1Number(prediction);
    if (g.isEmpty() || p.isEmpty()) {
      return 0.0;
    }
    double relDiff = (Math.abs(p.getAsDouble() - g.getAsDouble()) + 1e-9) / (Math.abs(g.getAsDouble()) + 1e-9);
    relDiff = pythonMin(1.0, pythonMax(0.0, relDiff));
    return 1.0 - relDiff;
  }

  /** Python {@code max(a, b)}: b only when {@code b > a}; NaN never is, so max(0.0, nan) = 0.0. */
  static double pythonMax(double a, double b) {
    return b > a ? b : a;
  }

  /** Python {@code min(a, b)}: b only when {@code b < a}. */
  static double pythonMin(double a, double b) {
    return b < a ? b : a;
  }
}
