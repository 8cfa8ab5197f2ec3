package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.qwen.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RL batches repeat one prompt's {@code VisualInputs} object in every rollout row. The forward encodes each
 * distinct object once and reuses its rows; logits and gradients must equal those of separate equal copies.
 */
class SharedVisualsTest {

  private static final QwenConfig CFG = TestModels.tiny(false);
  private static final int VIDEO = CFG.videoTokenId();
  private static final int VS = CFG.visionStartTokenId();
  private static final int VE = CFG.visionEndTokenId();
  /** Video grid (2, 2, 4): 16 patch rows, 4 merged tokens. */
  private static final long[] GRID = {2, 2, 4};
  private static final int PATCH_ROWS = 16;
  private static final int ROWS = 4;
  private static final int LEN = 8;
  private static final List<String> PROBED = List.of("visual.patch_embed.proj.weight",
      "visual.blocks.0.attn.qkv.weight", "visual.blocks.1.mlp.down_proj.weight", "visual.merger.mlp.2.weight",
      "model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight");

  private static VisualInputs video(long seed) {
    float[] pixels = new float[PATCH_ROWS * CFG.vision().patchDim()];
    Random random = new Random(seed);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    return new VisualInputs(pixels, new long[] {PATCH_ROWS, CFG.vision().patchDim()}, new long[][] {GRID},
        new float[] {1f}, true);
  }

  private static VisualInputs copy(VisualInputs v) {
    return new VisualInputs(v.pixelValues().clone(), v.pixelShape().clone(), new long[][] {v.gridThw()[0].clone()},
        v.secondPerGridTs().clone(), v.video());
  }

  /** Each row: one text token, a video block (4 pads), two text tokens that differ per row. */
  private static long[] ids() {
    long[] ids = new long[ROWS * LEN];
    for (int b = 0; b < ROWS; b++) {
      long[] row = {3, VS, VIDEO, VIDEO, VIDEO, VIDEO, VE, 4 + b};
      System.arraycopy(row, 0, ids, b * LEN, LEN);
    }
    return ids;
  }

  /** Rows 0, 1 and 3 show video A (one object, as in a rollout group), row 2 shows video B. */
  private static final VisualInputs A = video(1);
  private static final VisualInputs B = video(2);
  private static final List<VisualInputs> SHARED = List.of(A, A, B, A);
  private static final List<VisualInputs> COPIES = List.of(copy(A), copy(A), copy(B), copy(A));

  private record Result(float[] logits, List<float[]> gradients) {}

  private static Result run(QwenVLModel model, NDManager manager, List<VisualInputs> visuals) {
    float[] logits;
    try (NDManager step = manager.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray ids = step.create(ids(), new Shape(ROWS, LEN));
      NDArray mask = step.ones(new Shape(ROWS, LEN), ai.djl.ndarray.types.DataType.INT64);
      NDArray out = model.forward(ids, mask, visuals);
      logits = out.toFloatArray();
      // A random weighting so that every logit's gradient differs (a plain sum is symmetric in the vocabulary).
      Random random = new Random(7);
      float[] w = new float[logits.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) random.nextGaussian();
      }
      gc.backward(out.mul(step.create(w, out.getShape())).sum());
    }
    List<float[]> gradients = new ArrayList<>();
    for (String name : PROBED) {
      try (NDArray g = model.parameters().get(name).getGradient()) {
        gradients.add(g.toFloatArray());
        g.muli(0);
      }
    }
    return new Result(logits, gradients);
  }

  @Test
  void sharedObjectGivesTheLogitsAndGradientsOfSeparateCopies() {
    try (NDManager manager = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(CFG, 9, manager)) {
      for (String name : PROBED) {
        model.parameters().get(name).setRequiresGradient(true);
      }
      Result shared = run(model, manager, SHARED);
      Result copies = run(model, manager, COPIES);
      assertClose(copies.logits(), shared.logits(), "logits");
      for (int i = 0; i < PROBED.size(); i++) {
        float[] g = shared.gradients().get(i);
        float norm = 0;
        for (float x : g) {
          norm = Math.max(norm, Math.abs(x));
        }
        assertTrue(norm > 0 && Float.isFinite(norm), PROBED.get(i) + " gradient max |g| " + norm);
        assertClose(copies.gradients().get(i), g, PROBED.get(i) + " gradient");
      }
    }
  }

  @Test
  void visionTowerEncodesEachDistinctObjectOnce() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(CFG, 9, m)) {
      NDArray ids = m.create(ids(), new Shape(ROWS, LEN));
      NDArray mask = m.ones(new Shape(ROWS, LEN), ai.djl.ndarray.types.DataType.INT64);
      Trace shared = new Trace();
      model.forward(ids, mask, SHARED, shared);
      Trace copies = new Trace();
      model.forward(ids, mask, COPIES, copies);
      assertEquals(2 * PATCH_ROWS, shared.get("video_patch_embed").shape()[0], "patch rows encoded, A and B once");
      assertEquals(ROWS * PATCH_ROWS, copies.get("video_patch_embed").shape()[0], "patch rows encoded, 4 copies");
      // Every row's pad slots hold its video's features: rows 0, 1, 3 equal, row 2 (video B) different.
      float[] embeds = shared.get("inputs_embeds").floats();
      int row = LEN * CFG.hiddenSize();
      float[] a = java.util.Arrays.copyOfRange(embeds, 2 * CFG.hiddenSize(), 6 * CFG.hiddenSize());
      assertArrayEquals(a, java.util.Arrays.copyOfRange(embeds, row + 2 * CFG.hiddenSize(), row + 6 * CFG.hiddenSize()));
      assertArrayEquals(a, java.util.Arrays.copyOfRange(embeds, 3 * row + 2 * CFG.hiddenSize(),
          3 * row + 6 * CFG.hiddenSize()));
      float[] b = java.util.Arrays.copyOfRange(embeds, 2 * row + 2 * CFG.hiddenSize(), 2 * row + 6 * CFG.hiddenSize());
      assertTrue(!java.util.Arrays.equals(a, b), "video B's features differ from A's");
      assertArrayEquals(copies.get("inputs_embeds").floats(), embeds, 1e-6f, "embeddings of shared vs copies");
    }
  }

  /** Equal within 1e-6 relative to the largest magnitude (the vision matmuls see fewer rows when shared). */
  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    float scale = 1e-30f;
    float worst = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("%s: max |diff| %.3g (max |value| %.3g)%n", what, worst, scale);
    assertTrue(worst <= 1e-6 * scale, what + ": max |diff| " + worst + " > 1e-6 x " + scale);
  }
}
