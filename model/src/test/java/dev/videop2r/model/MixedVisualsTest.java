package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.qwen.Trace;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An image in row 0 and a video in row 1 (left-padded) on a random tiny model: scatter order, cache, errors. */
class MixedVisualsTest {

  private static final QwenConfig CFG = TestModels.tiny(false);
  private static final int IMAGE = CFG.imageTokenId();
  private static final int VIDEO = CFG.videoTokenId();
  private static final int VS = CFG.visionStartTokenId();
  private static final int VE = CFG.visionEndTokenId();

  /** Row 0: 2 text, image 28x56 (grid (1,2,4) -> 2 tokens), 1 text. Row 1: pad, 1 text, video grid (2,2,2) -> 2 tokens. */
  private static final long[] IDS = {3, 4, VS, IMAGE, IMAGE, VE, 5, 0, 6, VS, VIDEO, VIDEO, VE, 7};
  private static final long[] MASK = {1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1};

  private static VisualInputs visual(long[] grid, boolean video, long seed) {
    int rows = (int) (grid[0] * grid[1] * grid[2]);
    float[] pixels = new float[rows * CFG.vision().patchDim()];
    Random random = new Random(seed);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    return new VisualInputs(pixels, new long[] {rows, CFG.vision().patchDim()}, new long[][] {grid},
        video ? new float[] {1f} : new float[0], video);
  }

  private static final List<VisualInputs> VISUALS =
      List.of(visual(new long[] {1, 2, 4}, false, 1), visual(new long[] {2, 2, 2}, true, 2));

  @Test
  void featuresLandOnTheirPadSlotsAndCacheMatchesForward() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(CFG, 9, m)) {
      NDArray ids = m.create(IDS, new Shape(2, 7));
      NDArray mask = m.create(MASK, new Shape(2, 7));
      Trace trace = new Trace();
      NDArray logits = model.forward(ids, mask, VISUALS, trace);
      float[] embeds = trace.get("inputs_embeds").floats();
      float[] image = trace.get("image_merger_out").floats();
      float[] video = trace.get("video_merger_out").floats();
      int h = CFG.hiddenSize();
      assertArrayEquals(Arrays.copyOfRange(image, 0, 2 * h), Arrays.copyOfRange(embeds, 3 * h, 5 * h));
      assertArrayEquals(Arrays.copyOfRange(video, 0, 2 * h), Arrays.copyOfRange(embeds, 10 * h, 12 * h));
      // Image T positions stay at the block start; the video's two frames step by 1 s * 2 tokens/s.
      long[] pos = trace.get("position_ids").longs();
      assertArrayEquals(new long[] {0, 1, 2, 3, 3, 5, 6}, Arrays.copyOfRange(pos, 0, 7));
      assertArrayEquals(new long[] {1, 0, 1, 2, 4, 5, 6}, Arrays.copyOfRange(pos, 7, 14));
      try (KvCache cache = model.newCache()) {
        NDArray last = model.prefill(ids, mask, VISUALS, cache);
        float diff = last.sub(logits.get(new NDIndex(":, -1, :"))).abs().max().getFloat();
        assertTrue(diff < 1e-5, "prefill vs forward " + diff);
      }
    }
  }

  @Test
  void mismatchedPadCountsAndBadIdsAreErrors() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(CFG, 9, m)) {
      long[] fewer = IDS.clone();
      fewer[4] = 8; // one image pad turned into text
      IllegalArgumentException pads = assertThrows(IllegalArgumentException.class,
          () -> model.forward(m.create(fewer, new Shape(2, 7)), m.create(MASK, new Shape(2, 7)), VISUALS));
      assertTrue(pads.getMessage().contains("image"), pads.getMessage());
      long[] outside = IDS.clone();
      outside[0] = CFG.vocabSize();
      IllegalArgumentException vocab = assertThrows(IllegalArgumentException.class,
          () -> model.forward(m.create(outside, new Shape(2, 7)), m.create(MASK, new Shape(2, 7)), VISUALS));
      assertTrue(vocab.getMessage().contains("inputIds[0, 0]"), vocab.getMessage());
    }
  }
}
