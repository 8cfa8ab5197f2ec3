package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LossAggregationTest {
  private static final byte N = ProcessLabel.NONE;
  private static final byte P = ProcessLabel.PERCEPTION;
  private static final byte R = ProcessLabel.REASONING;
  // Rollout 0: 1 perception + 3 reasoning tokens; rollout 1: 2 reasoning tokens then 2 pads. 6 loss tokens.
  private static final byte[][] PROCESS = {{P, R, R, R}, {R, R, N, N}};

  @Test
  void tokenMeanWeighsEveryTokenOfTheStepEqually() {
    float[][] w = LossAggregation.TOKEN_MEAN.weights(PROCESS);
    assertArrayEquals(new float[] {1f / 6, 1f / 6, 1f / 6, 1f / 6}, w[0], 1e-7f);
    assertArrayEquals(new float[] {1f / 6, 1f / 6, 0, 0}, w[1], 1e-7f);
  }

  @Test
  void sequenceMeanAveragesWithinThenAcrossRollouts() {
    float[][] w = LossAggregation.SEQUENCE_MEAN.weights(PROCESS);
    assertArrayEquals(new float[] {1f / 8, 1f / 8, 1f / 8, 1f / 8}, w[0], 1e-7f);
    assertArrayEquals(new float[] {1f / 4, 1f / 4, 0, 0}, w[1], 1e-7f);
  }

  @Test
  void processMeanGivesEachProcessHalfTheWeight() {
    float[][] w = LossAggregation.PROCESS_MEAN.weights(PROCESS);
    // 1 perception token carries 1/2; 5 reasoning tokens share the other 1/2.
    assertArrayEquals(new float[] {1f / 2, 1f / 10, 1f / 10, 1f / 10}, w[0], 1e-7f);
    assertArrayEquals(new float[] {1f / 10, 1f / 10, 0, 0}, w[1], 1e-7f);
  }

  @Test
  void processMeanWithOnlyOneProcessIsItsTokenMean() {
    float[][] w = LossAggregation.PROCESS_MEAN.weights(new byte[][] {{R, R}, {R, N}});
    assertArrayEquals(new float[] {1f / 3, 1f / 3}, w[0], 1e-7f);
    assertArrayEquals(new float[] {1f / 3, 0}, w[1], 1e-7f);
  }
}
