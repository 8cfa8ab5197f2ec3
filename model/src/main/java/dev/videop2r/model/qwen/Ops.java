package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * The few tensor operations the model is built from, composed from DJL ops so that autograd covers them.
 * Every result lives in the manager of the activation argument (never in the weights' manager).
 */
final class Ops {

  /** HF's eager masking value, torch.finfo(float32).min: finite so fully masked rows stay finite (uniform). */
  static final float MASK_VALUE = -Float.MAX_VALUE;

  private Ops() {}

  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return bias == null ? Linear.linear(x, weight).singletonOrThrow() : Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /** Weight-only RMSNorm with HF's cast order: normalise in float32, cast back, then scale. */
  static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
    DataType type = x.getDataType();
    NDArray x32 = x.toType(DataType.FLOAT32, false);
    NDArray variance = x32.square().mean(new int[] {-1}, true);
    NDArray normed = x32.div(variance.add(eps).sqrt());
    return normed.toType(type, false).mul(weight);
  }

  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  /** SwiGLU: down(silu(gate(x)) * up(x)); biases may be null. */
  static NDArray swiGlu(NDArray x, NDArray gateW, NDArray gateB, NDArray upW, NDArray upB, NDArray downW,
      NDArray downB) {
    return linear(silu(linear(x, gateW, gateB)).mul(linear(x, upW, upB)), downW, downB);
  }

  /**
   * x·s, differentiable. Not {@code x.mul(s)}: DJL makes the scalar a tensor borrowing a direct buffer and closes
   * it at once, while autograd saves that tensor for the backward; a GC before the backward frees the buffer and
   * the gradient is multiplied by whatever memory reuses it (NaN or garbage gradients). Here the scalar is a
   * libtorch-owned copy, which the graph keeps alive as long as it needs it.
   */
  static NDArray times(NDArray x, double s) {
    try (NDArray scalar = x.getManager().create((float) s)) {
      return x.mul(owned(scalar));
    }
  }

  /*
   * Arrays made from Java data that autograd may save (gather indices, pixel rows, scalar factors). DJL's CPU
   * arrays made from Java data borrow a direct buffer that only the Java array object keeps alive, while the
   * graph keeps the tensor: once the call's scope is closed, a GC before the backward would free the memory under
   * the graph (garbage indices, NaN gradients; BackwardLifetimeTest). A libtorch-owned copy lives exactly as long
   * as the graph holds it.
   */

  static NDArray owned(NDManager scope, long[] data) {
    try (NDArray borrowed = scope.create(data)) {
      return owned(borrowed);
    }
  }

  static NDArray owned(NDManager scope, int[] data) {
    try (NDArray borrowed = scope.create(data)) {
      return owned(borrowed);
    }
  }

  static NDArray owned(NDManager scope, float[] data, Shape shape) {
    try (NDArray borrowed = scope.create(data, shape)) {
      return owned(borrowed);
    }
  }

  private static NDArray owned(NDArray borrowed) {
    return borrowed.duplicate();
  }

  /** concat(-v[half:], v[:half]) along the last axis. */
  static NDArray rotateHalf(NDArray v) {
    ai.djl.ndarray.NDList halves = v.split(2, v.getShape().dimension() - 1);
    return halves.get(1).neg().concat(halves.get(0), -1);
  }

  /** x*cos + rotate_half(x)*sin; cos/sin broadcast against x. */
  static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    return x.mul(cos).add(rotateHalf(x).mul(sin));
  }

  /**
   * Scaled dot-product attention, softmax in float32 like HF's eager path.
   *
   * @param q {@code [..., Lq, d]}
   * @param k {@code [..., Lk, d]} (broadcastable against q's leading axes)
   * @param additiveMask float32, broadcastable to {@code [..., Lq, Lk]}: 0 or {@link #MASK_VALUE}
   */
  static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
    DataType type = q.getDataType();
    double scale = 1.0 / Math.sqrt(q.getShape().getLastDimension());
    NDArray scores = times(q.matMul(k.swapAxes(-1, -2)), scale).toType(DataType.FLOAT32, false).add(additiveMask);
    return scores.softmax(-1).toType(type, false).matMul(v);
  }
}
