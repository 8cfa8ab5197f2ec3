package dev.videop2r.reward;

import static dev.videop2r.reward.MeanRelativeAccuracy.Convention.OFFICIAL;
import static dev.videop2r.reward.MeanRelativeAccuracy.Convention.VIDEO_R1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegressionAndMraTest {

  @Test
  void videoR1RegressionIsOneMinusClippedRelativeError() {
    double expected = 1 - (2 + 1e-9) / (10 + 1e-9);
    assertEquals(expected, RegressionMetric.score("8", "10", ScoringMode.VIDEO_R1));
    assertEquals(0.8, RegressionMetric.score("8", "10", ScoringMode.CORRECTED), 1e-15);
    assertEquals(0.0, RegressionMetric.score("30", "10", ScoringMode.VIDEO_R1));
    assertEquals(0.0, RegressionMetric.score("ten", "10", ScoringMode.VIDEO_R1));
    assertEquals(1.0 - (1e-9 / (1000 + 1e-9)), RegressionMetric.score("1,000", "1000", ScoringMode.VIDEO_R1));
  }

  @Test
  void nanPredictionScoresFullMarksInVideoR1BecauseOfPythonMax() {
    // Python: max(0.0, nan) == 0.0 (nan > 0.0 is False), so reward = 1 - 0 = 1. Java's Math.max gives NaN.
    assertEquals(1.0, RegressionMetric.score("nan", "10", ScoringMode.VIDEO_R1));
    assertEquals(0.0, RegressionMetric.score("nan", "10", ScoringMode.CORRECTED));
    assertEquals(Double.NaN, Math.max(0.0, Double.NaN), "the Java behaviour this guards against");
  }

  @Test
  void goldZero() {
    assertEquals(0.0, RegressionMetric.score("0", "0", ScoringMode.VIDEO_R1), "1e-9 / 1e-9 = 1");
    assertEquals(1.0, RegressionMetric.score("0", "0", ScoringMode.CORRECTED));
    assertEquals(0.0, RegressionMetric.score("0.1", "0", ScoringMode.CORRECTED));
  }

  @Test
  void mraTestVectorsFromTheBenchmarkSpec() {
    assertEquals(0.6, MeanRelativeAccuracy.score(3, 4, OFFICIAL));
    assertEquals(0.5, MeanRelativeAccuracy.score(3, 4, VIDEO_R1));
    assertEquals(0.6, MeanRelativeAccuracy.score(5, 4, OFFICIAL));
    assertEquals(0.5, MeanRelativeAccuracy.score(5, 4, VIDEO_R1));
    assertEquals(0.8, MeanRelativeAccuracy.score(4.5, 4, OFFICIAL));
    assertEquals((double) 0.8f, MeanRelativeAccuracy.score(4.5, 4, VIDEO_R1), "a float32 mean");
    assertEquals(1.0, MeanRelativeAccuracy.score(10, 10, OFFICIAL));
    assertEquals(1.0, MeanRelativeAccuracy.score(10, 10, VIDEO_R1));
    assertEquals(0.0, MeanRelativeAccuracy.score(0, 4, OFFICIAL));
    assertEquals(0.0, MeanRelativeAccuracy.score(0, 4, VIDEO_R1));
    // 1 − θ_8 = 0.10000000000000009 in double, so the tie 9 vs 10 hits at θ_8 officially.
    assertEquals(0.9, MeanRelativeAccuracy.score(9, 10, OFFICIAL));
  }

  @Test
  void mraVideoR1ThresholdsAreFloat32() {
    // rel = float32(0.35) = 0.34999999; 1 − float32(0.65) = 0.35000002: a hit at θ = 0.65 (and below).
    assertEquals((double) 0.4f, MeanRelativeAccuracy.score(13.5, 10, VIDEO_R1));
    // Officially rel = 0.35 ≤ 1 − θ_3 (0.35000000000000003): also 4 hits.
    assertEquals(0.4, MeanRelativeAccuracy.score(13.5, 10, OFFICIAL));
  }
}
