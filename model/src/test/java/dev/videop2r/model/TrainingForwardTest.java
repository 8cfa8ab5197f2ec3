package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forward is differentiable under DJL autograd: gradients reach the vision tower and match finite differences. */
class TrainingForwardTest {

  private static final List<String> PROBED = List.of("visual.patch_embed.proj.weight",
      "visual.blocks.0.attn.qkv.weight", "visual.merger.mlp.2.weight", "model.layers.1.self_attn.k_proj.weight",
      "model.embed_tokens.weight", "lm_head.weight");

  @Test
  void gradientsMatchFiniteDifferences() {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      // Loss only over real slots: padded query rows attend uniformly through the finite mask value, whose
      // analytic gradient a finite difference cannot see (and which training never uses).
      java.util.Random random = new java.util.Random(7);
      float[] w = new float[2 * 25 * 512];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) random.nextGaussian();
      }
      NDArray weights = manager.create(w, new ai.djl.ndarray.types.Shape(2, 25, 512))
          .mul(in.mask().toType(DataType.FLOAT32, false).expandDims(2));
      for (String name : PROBED) {
        model.parameters().get(name).setRequiresGradient(true);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = model.forward(in.ids(), in.mask(), in.visuals()).mul(weights).sum();
        gc.backward(loss);
      }
      for (String name : PROBED) {
        NDArray param = model.parameters().get(name);
        NDArray grad = param.getGradient().duplicate();
        float norm = grad.norm().getFloat();
        assertTrue(norm > 0 && Float.isFinite(norm), name + " gradient norm " + norm);
        // Directional derivative along the gradient itself, central difference in float32.
        NDArray direction = grad.div(norm);
        // The random tiny model is very non-linear (curvature bites at 1e-2); 1e-3 is the float32 sweet spot.
        double eps = 1e-3;
        NDArray original = param.duplicate();
        param.set(original.add(direction.mul(eps)).toFloatArray());
        double plus = loss(model, in, weights);
        param.set(original.sub(direction.mul(eps)).toFloatArray());
        double minus = loss(model, in, weights);
        param.set(original.toFloatArray());
        double numeric = (plus - minus) / (2 * eps);
        System.out.printf("%s analytic %.4f numeric %.4f%n", name, norm, numeric);
        assertEquals(norm, numeric, 0.02 * norm, name);
      }
    }
  }

  private static double loss(QwenVLModel model, GoldenInputs in, NDArray weights) {
    return model.forward(in.ids(), in.mask(), in.visuals()).mul(weights).sum().getFloat();
  }
}
