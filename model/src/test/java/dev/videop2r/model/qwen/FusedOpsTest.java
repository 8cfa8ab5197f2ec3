package dev.videop2r.model.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The TorchScript SiLU gate against x·sigmoid(x)·up: values and both gradients, through DJL's autograd. */
class FusedOpsTest {

  private static final float TOLERANCE = 1e-6f;

  @Test
  void swiGluGateMatchesTheComposedFormulaForwardAndBackward() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(2, 3, 5);
      NDArray gate = manager.randomNormal(0, 3, shape, DataType.FLOAT32);
      NDArray up = manager.randomNormal(0, 1, shape, DataType.FLOAT32);
      NDArray weight = manager.randomNormal(0, 1, shape, DataType.FLOAT32);
      float[][] fused = valueAndGradients(gate, up, weight, true);
      float[][] composed = valueAndGradients(gate, up, weight, false);
      for (int i = 0; i < fused.length; i++) {
        assertEquals(shape.size(), fused[i].length);
        assertArrayEquals(composed[i], fused[i], TOLERANCE, i == 0 ? "value" : i == 1 ? "gate grad" : "up grad");
      }
    }
  }

  @Test
  void resultLivesInTheGateManager() {
    try (NDManager outer = NDManager.newBaseManager(); NDManager inner = outer.newSubManager()) {
      NDArray gate = inner.ones(new Shape(4));
      NDArray up = outer.ones(new Shape(4));
      NDArray out = FusedOps.swiGluGate(gate, up);
      assertEquals(inner, out.getManager());
      assertArrayEquals(new float[] {0.7310586f, 0.7310586f, 0.7310586f, 0.7310586f}, out.toFloatArray(), TOLERANCE);
    }
  }

  /** [value, d(sum(value·weight))/d gate, .../d up] with fresh leaves of gate and up. */
  private static float[][] valueAndGradients(NDArray gateData, NDArray upData, NDArray weight, boolean fused) {
    try (NDManager scope = gateData.getManager().newSubManager()) {
      NDArray gate = gateData.duplicate();
      NDArray up = upData.duplicate();
      gate.attach(scope);
      up.attach(scope);
      gate.setRequiresGradient(true);
      up.setRequiresGradient(true);
      float[] value;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = fused ? FusedOps.swiGluGate(gate, up) : gate.mul(Activation.sigmoid(gate)).mul(up);
        value = out.toFloatArray();
        collector.backward(out.mul(weight).sum());
      }
      return new float[][] {value, gate.getGradient().toFloatArray(), up.getGradient().toFloatArray()};
    }
  }
}
