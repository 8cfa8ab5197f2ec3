package dev.videop2r.model.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The TorchScript ops against the DJL compositions they replace: values and gradients, through DJL's autograd. */
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

  /**
   * HF's x·cos + rotate_half(x)·sin, pairs interleaved in the result, and the gradient through it: rotating is
   * orthogonal, so the gradient of sum(rotated·w) is w rotated back (angle -θ).
   */
  @Test
  void rotateIsHfRotaryWithInterleavedPairs() {
    try (NDManager manager = NDManager.newBaseManager()) {
      int half = 3;
      NDArray angles = manager.randomUniform(-3, 3, new Shape(2, 1, half));
      NDArray xData = manager.randomNormal(0, 1, new Shape(2, 4, 2 * half), DataType.FLOAT32);
      NDArray weight = manager.randomNormal(0, 1, new Shape(2, 4, 2 * half), DataType.FLOAT32);
      NDArray x = xData.duplicate();
      x.setRequiresGradient(true);
      NDArray rotated;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        rotated = FusedOps.rotate(x, Rotary.of(angles, 1.0).table());
        collector.backward(rotated.mul(weight).sum());
      }
      assertArrayEquals(interleaved(hfRotary(xData, angles)), rotated.toFloatArray(), TOLERANCE, "value");
      NDArray back = hfRotary(deinterleaved(weight), angles.neg());
      assertArrayEquals(back.toFloatArray(), x.getGradient().toFloatArray(), TOLERANCE, "gradient");
    }
  }

  private static NDArray hfRotary(NDArray x, NDArray angles) {
    NDArray cos = angles.cos().concat(angles.cos(), -1);
    NDArray sin = angles.sin().concat(angles.sin(), -1);
    NDList halves = x.split(2, 2);
    return x.mul(cos).add(halves.get(1).neg().concat(halves.get(0), -1).mul(sin));
  }

  /** (a_0..a_{h-1}, b_0..b_{h-1}) -> (a_0, b_0, a_1, b_1, ...) along the last axis. */
  private static float[] interleaved(NDArray x) {
    Shape s = x.getShape();
    long half = s.get(2) / 2;
    return x.reshape(s.get(0), s.get(1), 2, half).swapAxes(-1, -2).reshape(s).toFloatArray();
  }

  private static NDArray deinterleaved(NDArray x) {
    Shape s = x.getShape();
    long half = s.get(2) / 2;
    return x.reshape(s.get(0), s.get(1), half, 2).swapAxes(-1, -2).reshape(s);
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
