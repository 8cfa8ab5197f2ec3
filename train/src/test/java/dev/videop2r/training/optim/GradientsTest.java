package dev.videop2r.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientsTest {

  /** sum(w * c) has gradient c. */
  private static void backward(NDArray w, float... c) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(w.mul(w.getManager().create(c)).sum());
    }
  }

  @Test
  void clearedGradientsReadZeroAndTheNextBackwardStoresItsOwn() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f});
      w.setRequiresGradient(true);
      Map<String, NDArray> params = Map.of("w", w);
      backward(w, 3f, 4f);
      Gradients.zero(params);
      assertArrayEquals(new float[] {0f, 0f}, w.getGradient().toFloatArray());
      backward(w, 5f, 7f);
      assertArrayEquals(new float[] {5f, 7f}, w.getGradient().toFloatArray());
      // Accumulation across micro-batches still works after a clear.
      backward(w, 1f, 1f);
      assertArrayEquals(new float[] {6f, 8f}, w.getGradient().toFloatArray());
    }
  }

  @Test
  void clearingKeepsTheParameterItsDataAndInPlaceUpdates() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f});
      w.setRequiresGradient(true);
      backward(w, 3f, 4f);
      Gradients.clear(w);
      assertArrayEquals(new float[] {1f, 2f}, w.toFloatArray());
      w.subi(m.create(new float[] {0.5f, 0.5f}));
      assertArrayEquals(new float[] {0.5f, 1.5f}, w.toFloatArray());
      // The updated values are what the next forward reads: d/dw sum(w * w) = 2w.
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(w).sum());
      }
      assertArrayEquals(new float[] {1f, 3f}, w.getGradient().toFloatArray());
    }
  }

  @Test
  void arraysWithoutGradientsAreLeftAlone() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray frozen = m.create(new float[] {1f});
      Gradients.clear(frozen);
      assertFalse(frozen.hasGradient());
      assertArrayEquals(new float[] {1f}, frozen.toFloatArray());
    }
  }
}
