package dev.videop2r.evaluation;

import static dev.videop2r.reward.MeanRelativeAccuracy.Convention.OFFICIAL;
import static dev.videop2r.reward.MeanRelativeAccuracy.Convention.VIDEO_R1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videop2r.reward.MeanRelativeAccuracy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MRA evaluation uses (the reward package's), checked on VSI-Bench boundary cases. */
class VsiMeanRelativeAccuracyTest {

  /** Video-R1 takes a float32 mean, so 0.9 comes back as 0.8999999761581421 (numpy agrees). */
  private static final double FLOAT32 = 1e-7;

  /** The test vectors of benchmarks.md §2(d): the conventions differ exactly at ties. */
  @ParameterizedTest
  @CsvSource({
    "3, 4, 0.6, 0.5",
    "5, 4, 0.6, 0.5",
    "4.5, 4, 0.8, 0.8",
    "10, 10, 1.0, 1.0",
    "0, 4, 0.0, 0.0",
    "15, 10, 0.1, 0.0",
  })
  void specVectors(double predicted, double truth, double official, double videoR1) {
    assertEquals(official, MeanRelativeAccuracy.score(predicted, truth, OFFICIAL), 1e-12);
    assertEquals(videoR1, MeanRelativeAccuracy.score(predicted, truth, VIDEO_R1), FLOAT32);
  }

  /**
   * Boundary cases where the result hangs on rounding, computed with the reference code paths in numpy
   * (np.linspace(0.5, 0.95, 10) in double; float32 arrays for Video-R1's torch code). 1 − θ₈ is
   * 0.10000000000000009 in double, so a 10 % error passes 0.90 officially, while 1 − θ₆ is
   * 0.19999999999999996, so a 20 % error fails 0.80.
   */
  @ParameterizedTest
  @CsvSource({
    "9, 10, 0.9, 0.9",
    "11, 10, 0.9, 0.9",
    "12, 10, 0.6, 0.6",
    "10.5, 10, 1.0, 1.0",
    "1.2, 1.0, 0.7, 0.6",
    "0.3, 0.4, 0.5, 0.6",
  })
  void roundingBoundariesMatchNumpy(double predicted, double truth, double official, double videoR1) {
    assertEquals(official, MeanRelativeAccuracy.score(predicted, truth, OFFICIAL), 1e-12);
    assertEquals(videoR1, MeanRelativeAccuracy.score(predicted, truth, VIDEO_R1), FLOAT32);
  }

  @Property
  void videoR1NeverExceedsOfficialByMoreThanFloatNoise(
      @ForAll @DoubleRange(min = 0, max = 100) double predicted,
      @ForAll @DoubleRange(min = 0.4, max = 100) double truth) {
    double official = MeanRelativeAccuracy.score(predicted, truth, OFFICIAL);
    double videoR1 = MeanRelativeAccuracy.score(predicted, truth, VIDEO_R1);
    // Strict < versus <= differs on at most one threshold (float32 rounding can move one either way).
    assertEquals(official, videoR1, 0.1 + FLOAT32);
  }
}
