package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cached decoding equals recomputing the whole sequence, and an expanded cache equals a repeated prefill. */
class KvCacheDecodingTest {

  private static NDManager manager;
  private static QwenVLModel model;
  private static GoldenInputs in;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32);
    in = GoldenInputs.load(manager);
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  private static float maxAbsDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }

  @Test
  void cachedStepsEqualFullRecomputation() {
    int steps = 5;
    NDArray ids = in.ids();
    NDArray mask = in.mask();
    try (KvCache cache = model.newCache()) {
      NDArray logits = model.prefill(ids, mask, in.visuals(), cache);
      assertEquals(ids.getShape().get(1), cache.length());
      for (int s = 0; s < steps; s++) {
        NDArray next = logits.argMax(1).reshape(2, 1);
        ids = ids.concat(next, 1);
        mask = mask.concat(manager.ones(new Shape(2, 1), DataType.INT64), 1);
        NDArray cached = model.decode(next, mask, cache);
        NDArray full = model.forward(ids, mask, in.visuals()).get(new NDIndex(":, -1, :"));
        assertTrue(maxAbsDiff(cached, full) < 1e-4, "step " + s + ": " + maxAbsDiff(cached, full));
        logits = cached;
      }
      assertEquals(ids.getShape().get(1) - 1, cache.length() - 1 + 0L * steps);
    }
  }

  /**
   * A forward over more positions than one attention chunk (the decoder splits queries into chunks that skip the
   * causal upper triangle) gives, at every real position, the logits of one-token-at-a-time decoding, which attends
   * over all cached keys in a single block. Row 1 is left-padded so that chunk boundaries fall inside its padding.
   */
  @Test
  void longSequencesMatchTokenByTokenDecodingAcrossAttentionChunks() {
    int len = 600;
    int pads = 300;
    int prompt = 40;
    java.util.Random random = new java.util.Random(3);
    long[] ids = new long[2 * len];
    long[] mask = new long[2 * len];
    for (int i = 0; i < ids.length; i++) {
      boolean pad = i >= len && i - len < pads;
      ids[i] = pad ? 500 : random.nextInt(500);
      mask[i] = pad ? 0 : 1;
    }
    try (NDManager scope = manager.newSubManager(); KvCache cache = model.newCache()) {
      NDArray idArray = scope.create(ids, new Shape(2, len));
      NDArray maskArray = scope.create(mask, new Shape(2, len));
      float[] full = model.forward(idArray, maskArray, java.util.List.of()).toFloatArray();
      int vocab = 512;
      NDArray step = model.prefill(idArray.get(new NDIndex(":, :{}", prompt)), maskArray.get(new NDIndex(":, :{}",
          prompt)), java.util.List.of(), cache);
      float worst = 0;
      for (int t = prompt - 1; t < len; t++) {
        if (t >= prompt) {
          step = model.decode(idArray.get(new NDIndex(":, {}:{}", t, t + 1)),
              maskArray.get(new NDIndex(":, :{}", t + 1)), cache);
        }
        float[] stepLogits = step.toFloatArray();
        for (int b = 0; b < 2; b++) {
          if (mask[b * len + t] == 0) {
            continue;
          }
          for (int v = 0; v < vocab; v++) {
            worst = Math.max(worst, Math.abs(full[(b * len + t) * vocab + v] - stepLogits[b * vocab + v]));
          }
        }
      }
      assertTrue(worst < 1e-4, "chunked forward vs token-by-token decoding: max |diff| " + worst);
    }
  }

  @Test
  void expandedCacheMatchesPrefillOfRepeatedRows() {
    int g = 3;
    try (KvCache shared = model.newCache(); KvCache repeated = model.newCache()) {
      NDArray first = model.prefill(in.ids(), in.mask(), in.visuals(), shared);
      shared.expand(g);
      assertEquals(2L * g, shared.batchSize());
      assertArrayEquals(new long[] {shared.ropeDeltas()[0], shared.ropeDeltas()[0], shared.ropeDeltas()[0]},
          java.util.Arrays.copyOf(shared.ropeDeltas(), 3));
      // The visuals are per prompt row: repeat the batch by building it from the expanded rows.
      NDArray ids = in.ids().repeat(0, g);
      NDArray mask = in.mask().repeat(0, g);
      NDArray repeatedFirst = model.prefill(ids, mask, java.util.List.of(repeatVideos(g)), repeated);
      assertTrue(maxAbsDiff(first.repeat(0, g), repeatedFirst) < 1e-4);
      NDArray tokens = first.argMax(1).repeat(0, g).reshape(2L * g, 1);
      NDArray stepMask = mask.concat(manager.ones(new Shape(2L * g, 1), DataType.INT64), 1);
      NDArray a = model.decode(tokens, stepMask, shared);
      NDArray b = model.decode(tokens, stepMask, repeated);
      assertTrue(maxAbsDiff(a, b) < 1e-4, "expanded vs repeated: " + maxAbsDiff(a, b));
    }
  }

  /** The golden video inputs with every item repeated g times in place (row order of the repeated batch). */
  private static VisualInputs repeatVideos(int g) {
    VisualInputs v = in.visuals().get(0);
    int items = v.items();
    int rowWidth = (int) v.pixelShape()[1];
    java.util.List<long[]> grids = new java.util.ArrayList<>();
    java.util.List<Float> seconds = new java.util.ArrayList<>();
    float[] pixels = new float[v.pixelValues().length * g];
    int out = 0;
    int rowStart = 0;
    for (int i = 0; i < items; i++) {
      long[] thw = v.gridThw()[i];
      int len = (int) (thw[0] * thw[1] * thw[2]) * rowWidth;
      for (int r = 0; r < g; r++) {
        System.arraycopy(v.pixelValues(), rowStart, pixels, out, len);
        out += len;
        grids.add(thw);
        seconds.add(v.secondPerGridT(i));
      }
      rowStart += len;
    }
    float[] spg = new float[seconds.size()];
    for (int i = 0; i < spg.length; i++) {
      spg[i] = seconds.get(i);
    }
    return new VisualInputs(pixels, new long[] {v.pixelShape()[0] * g, rowWidth}, grids.toArray(long[][]::new), spg,
        true);
  }

  @Test
  void decodeChecksItsInputs() {
    try (KvCache cache = model.newCache()) {
      assertThrows(IllegalArgumentException.class,
          () -> model.decode(manager.zeros(new Shape(2, 1), DataType.INT64), in.mask(), cache));
      model.prefill(in.ids(), in.mask(), in.visuals(), cache);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.decode(manager.zeros(new Shape(2, 1), DataType.INT64), in.mask(), cache));
      assertTrue(e.getMessage().contains("cache length + 1"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> model.prefill(in.ids(), in.mask(), in.visuals(), cache));
    }
  }
}
