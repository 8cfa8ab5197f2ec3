package dev.videop2r.model.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videop2r.model.QwenConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of spec 2.4: two images with grids (1,16,16) and (1,8,12), published window 112 px. */
class VisionGeometryTest {

  private static final QwenConfig.Vision PUBLISHED =
      new QwenConfig.Vision(32, 1280, 16, 3420, 3, 14, 2, 2, 112, new int[] {7, 15, 23, 31}, 2048, 2);

  private final VisionGeometry geo = VisionGeometry.of(List.of(new long[] {1, 16, 16}, new long[] {1, 8, 12}), PUBLISHED);

  @Test
  void windowBoundaries() {
    assertArrayEquals(new long[] {0, 64, 128, 128, 192, 256, 256, 256, 256, 256, 320, 352, 352, 352},
        geo.cuWindowSeqlensRaw());
    assertArrayEquals(new long[] {0, 64, 128, 192, 256, 320, 352}, geo.cuWindowSeqlens());
    assertArrayEquals(new long[] {0, 256, 352}, geo.cuSeqlens());
  }

  @Test
  void windowIndex() {
    assertArrayEquals(new int[] {0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27, 4, 5, 6, 7},
        Arrays.copyOf(geo.windowIndex(), 20));
    int[] second = Arrays.copyOfRange(geo.windowIndex(), 64, 88);
    assertArrayEquals(new int[] {64, 65, 66, 67, 70, 71, 72, 73, 76, 77, 78, 79, 82, 83, 84, 85,
        68, 69, 74, 75, 80, 81, 86, 87}, second);
    int[] reverse = geo.reverseWindowIndex();
    for (int i = 0; i < reverse.length; i++) {
      assertEquals(i, geo.windowIndex()[reverse[i]]);
    }
  }

  @Test
  void patchCoordinatesFollowMergeBlockOrder() {
    // Rows 0..3 are the first 2x2 block, rows 4..7 the block to its right.
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 1, 1}, Arrays.copyOf(geo.patchY(), 8));
    assertArrayEquals(new int[] {0, 1, 0, 1, 2, 3, 2, 3}, Arrays.copyOf(geo.patchX(), 8));
    float[] angles = geo.rotaryAngles(80);
    // Row 5 = patch (y 0, x 3): y-frequencies zero, first x-frequency 3 * 10000^0.
    assertEquals(0f, angles[5 * 40]);
    assertEquals(3f, angles[5 * 40 + 20]);
  }
}
