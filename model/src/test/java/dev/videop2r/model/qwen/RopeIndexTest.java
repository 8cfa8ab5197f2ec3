package dev.videop2r.model.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of spec 3.3 (ids of the tiny-a config: vision_start 503, image 506, video 507). */
class RopeIndexTest {

  private static final QwenConfig CFG = TestModels.tinyA();
  private static final long VS = 503;
  private static final long VE = 504;

  @Test
  void exampleAImageBetweenText() {
    long[] ids = {1, 2, VS, 506, 506, 506, 506, VE, 3};
    RopeIndex r = RopeIndex.compute(new long[][] {ids}, new long[][] {ones(9)},
        List.of(new RopeIndex.Item(1, 4, 4, 0f, false)), List.of(), CFG);
    assertArrayEquals(new long[] {0, 1, 2, 3, 3, 3, 3, 5, 6}, r.positions()[0][0]);
    assertArrayEquals(new long[] {0, 1, 2, 3, 3, 4, 4, 5, 6}, r.positions()[1][0]);
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 3, 4, 5, 6}, r.positions()[2][0]);
    assertEquals(-2, r.deltas()[0]);
  }

  @Test
  void exampleBVideoTemporalStepIsSecondsTimesTokensPerSecond() {
    long[][] pos = videoPositions(1f, CFG);
    assertArrayEquals(new long[] {3, 3, 3, 3, 5, 5, 5, 5, 7, 7, 7, 7, 9, 9, 9, 9, 10}, pos[0]);
    assertArrayEquals(new long[] {3, 3, 4, 4, 3, 3, 4, 4, 3, 3, 4, 4, 3, 3, 4, 4, 10}, pos[1]);
    assertArrayEquals(new long[] {3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 10}, pos[2]);
  }

  @Test
  void fractionalSecondsTruncateBeforeMultiplyingByDefault() {
    assertArrayEquals(new long[] {3, 5, 7, 9}, temporal(videoPositions(1.5f, CFG)));
    assertArrayEquals(new long[] {3, 3, 3, 3}, temporal(videoPositions(0.5f, CFG)));
    QwenConfig legacy = CFG.withSecondPerGrid(QwenConfig.SecondPerGridConvention.MULTIPLY_FLOAT);
    assertArrayEquals(new long[] {3, 6, 9, 12}, temporal(videoPositions(1.5f, legacy)));
  }

  @Test
  void leftPaddingKeepsPositionOneAndDeltaUsesPaddedLength() {
    long[] ids = {500, 500, 1, VS, 506, 506, 506, 506, VE};
    long[] mask = {0, 0, 1, 1, 1, 1, 1, 1, 1};
    RopeIndex r = RopeIndex.compute(new long[][] {ids}, new long[][] {mask},
        List.of(new RopeIndex.Item(1, 4, 4, 0f, false)), List.of(), CFG);
    assertArrayEquals(new long[] {1, 1, 0, 1, 2, 2, 2, 2, 4}, r.positions()[0][0]);
    assertEquals(5 - 9, r.deltas()[0]);
  }

  @Test
  void textOnlyIsCumsumOfTheMask() {
    RopeIndex r = RopeIndex.textOnly(new long[][] {{0, 0, 1, 1, 1}});
    assertArrayEquals(new long[] {1, 1, 0, 1, 2}, r.positions()[1][0]);
    assertEquals(3 - 5, r.deltas()[0]);
  }

  @Test
  void moreVisualsGivenThanUsedIsAnError() {
    long[] ids = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> RopeIndex.compute(new long[][] {ids}, new long[][] {ones(3)},
        List.of(new RopeIndex.Item(1, 4, 4, 0f, false)), List.of(), CFG));
  }

  /** 8 frames of 56x56 -> grid (4, 4, 4) -> 16 tokens, after [a, b, VS], then one text token. */
  private static long[][] videoPositions(float secondsPerGrid, QwenConfig cfg) {
    long[] ids = new long[3 + 16 + 1];
    ids[0] = 1;
    ids[1] = 2;
    ids[2] = VS;
    java.util.Arrays.fill(ids, 3, 19, 507);
    ids[19] = VE;
    RopeIndex r = RopeIndex.compute(new long[][] {ids}, new long[][] {ones(ids.length)}, List.of(),
        List.of(new RopeIndex.Item(4, 4, 4, secondsPerGrid, true)), cfg);
    long[][] out = new long[3][];
    for (int s = 0; s < 3; s++) {
      out[s] = java.util.Arrays.copyOfRange(r.positions()[s][0], 3, 20);
    }
    return out;
  }

  private static long[] temporal(long[][] pos) {
    return new long[] {pos[0][0], pos[0][4], pos[0][8], pos[0][12]};
  }

  private static long[] ones(int n) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, 1);
    return out;
  }
}
