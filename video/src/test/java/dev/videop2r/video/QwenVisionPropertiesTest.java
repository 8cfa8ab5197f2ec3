package dev.videop2r.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the sampling rules over inputs the golden file does not list. */
class QwenVisionPropertiesTest {

  private final QwenVision vision = new QwenVision(VisionConfig.videoR1Training());

  @Property(tries = 500)
  void resizedSidesAreMultiplesOf28AndKeepTheAspectRoughly(@ForAll @IntRange(min = 20, max = 4000) int h,
                                                           @ForAll @IntRange(min = 20, max = 4000) int w) {
    // Beyond about 1:50 the reference's downscale branch can floor a side to 0 (see zeroSideIsRejected).
    Assume.that(Math.max(h, w) <= 50 * Math.min(h, w));
    int[] size = vision.smartResize(h, w, 28, 100_352, 105_369);
    assertEquals(0, size[0] % 28);
    assertEquals(0, size[1] % 28);
    assertTrue(size[0] >= 28 && size[1] >= 28, h + "x" + w + " -> " + size[0] + "x" + size[1]);
    double ratioIn = (double) h / w;
    double ratioOut = (double) size[0] / size[1];
    // Rounding each side to 28 moves the ratio by at most one cell per side.
    assertTrue(Math.abs(Math.log(ratioOut / ratioIn)) < Math.log((double) (Math.min(size[0], size[1]) + 28)
        / Math.max(1, Math.min(size[0], size[1]) - 28)) + 1e-9, h + "x" + w + " -> " + size[0] + "x" + size[1]);
  }

  @Property(tries = 500)
  void frameIndicesSpanTheClipInOrder(@ForAll @IntRange(min = 2, max = 20_000) int total,
                                      @ForAll @IntRange(min = 2, max = 64) int wanted) {
    int n = Math.min(wanted, total);
    int[] idx = QwenVision.frameIndices(total, n);
    assertEquals(n, idx.length);
    assertEquals(0, idx[0]);
    assertEquals(total - 1, idx[n - 1]);
    for (int i = 1; i < n; i++) {
      assertTrue(idx[i] >= idx[i - 1], "not sorted at " + i);
    }
  }

  @Property(tries = 300)
  void defaultFrameCountIsEvenAndWithinBounds(@ForAll @IntRange(min = 2, max = 100_000) int total,
                                              @ForAll @IntRange(min = 1, max = 120) int fps) {
    int n = vision.smartNframes(SampleRequest.defaults(), total, fps);
    assertEquals(0, n % 2);
    assertTrue(n >= 2 && n <= Math.min(16, total), "n=" + n);
  }

  /** The reference floors without a lower clamp when downscaling; a 0-pixel side is kept for parity here. */
  @net.jqwik.api.Example
  void zeroSideFollowsTheReference() {
    int[] size = vision.smartResize(4000, 20, 28, 100_352, 105_369);
    assertEquals(0, size[1]);
  }
}
