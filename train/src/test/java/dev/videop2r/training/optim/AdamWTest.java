package dev.videop2r.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
  /*
   * Gradient 0.5 every step, lr 0.1, wd 0.1. The bias-corrected Adam direction is m̂/sqrt(v̂) = 1 at every step,
   * so: matrix  1 → 0.99 − 0.1 = 0.89 → 0.89·0.99 − 0.1 = 0.7811;  vector (not decayed) 1 → 0.9 → 0.8.
   */
  @Test
  void decoupledWeightDecayOnMatricesOnlyMatchesHandComputation() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      params.put("w", m.ones(new Shape(1, 1)));
      params.put("b", m.ones(new Shape(1)));
      params.values().forEach(p -> p.setRequiresGradient(true));
      AdamW adam = new AdamW(params, new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1));
      for (int i = 0; i < 2; i++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray loss = params.get("w").sum().mul(0.5).add(params.get("b").sum().mul(0.5));
          gc.backward(loss);
        }
        adam.step(0.1);
        Gradients.zero(params);
      }
      assertEquals(0.7811f, params.get("w").getFloat(0, 0), 1e-6f);
      assertEquals(0.8f, params.get("b").getFloat(0), 1e-6f);
      assertEquals(2, adam.steps());
    }
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsAndClipToMaxNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> params = Map.of("w", m.zeros(new Shape(2)));
      params.get("w").setRequiresGradient(true);
      for (int i = 0; i < 2; i++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(params.get("w").mul(m.create(new float[] {3f, 4f})).sum());
        }
      }
      // Two micro-batches: gradient (6, 8), norm 10; clipping to 5 halves it.
      assertEquals(10.0, Gradients.globalNorm(params), 1e-6);
      Gradients.clip(params, 10.0, 5.0);
      assertEquals(5.0, Gradients.globalNorm(params), 1e-4);
      Gradients.zero(params);
      assertEquals(0.0, Gradients.globalNorm(params));
    }
  }
}
