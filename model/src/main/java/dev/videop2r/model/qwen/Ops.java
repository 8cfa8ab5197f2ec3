package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import dev.videop2r.model.HostArrays;
import java.util.function.UnaryOperator;

/**
 * The few tensor operations the model is built from, composed from DJL ops so that autograd covers them.
 * Every result lives in the manager of the activation argument (never in the weights' manager).
 */
final class Ops {

  /**
   * {@code h + block(h)} with the block's intermediates released on return (autograd keeps what it saved), so the
   * next block reuses that memory while it is still in cache instead of writing to fresh pages: what eager PyTorch
   * gets from reference counting. Results of DJL ops land in the manager of their first operand, so the block runs
   * on a view of h that lives in a scope of its own.
   */
  static NDArray residual(NDArray h, UnaryOperator<NDArray> block) {
    NDManager outer = h.getManager();
    try (NDManager scope = outer.newSubManager()) {
      NDArray in = h.reshape(h.getShape());
      in.attach(scope);
      NDArray out = in.add(block.apply(in));
      out.attach(outer);
      return out;
    }
  }

  /** HF's eager masking value, torch.finfo(float32).min: finite so fully masked rows stay finite (uniform). */
  static final float MASK_VALUE = -Float.MAX_VALUE;

  private Ops() {}

  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return bias == null ? Linear.linear(x, weight).singletonOrThrow() : Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /**
   * Weight-only RMSNorm with HF's cast order: normalise in float32, cast back, then scale. The reciprocal square
   * root multiplies (a division of x would cost two more passes backward). The mean square comes from the fused L2
   * norm, one read of x forward and one pass backward, where square().mean() writes x² forward and takes three
   * passes backward (pow, ×2, ×grad): 1/sqrt(mean(x²) + eps) = sqrt(H) / sqrt(‖x‖² + H·eps), computed on the
   * [.., 1] column with as many ops as before (generation, one token a step, pays per op).
   */
  static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
    DataType type = x.getDataType();
    NDArray x32 = x.toType(DataType.FLOAT32, false);
    long width = x32.getShape().get(x32.getShape().dimension() - 1);
    NDArray rootSum = x32.norm(2, new int[] {-1}, true).square().add(width * eps).sqrt();
    NDArray normed = x32.mul(quotient(Math.sqrt(width), rootSum));
    return normed.toType(type, false).mul(weight);
  }

  /** numerator / x, differentiable (the numerator is a libtorch-owned scalar, see {@link HostArrays}). */
  static NDArray quotient(double numerator, NDArray x) {
    try (NDArray n = HostArrays.scalar(x.getManager(), (float) numerator)) {
      return n.div(x);
    }
  }

  /** SwiGLU: down(silu(gate(x)) * up(x)) with libtorch's fused SiLU ({@link FusedOps}); biases may be null. */
  static NDArray swiGlu(NDArray x, NDArray gateW, NDArray gateB, NDArray upW, NDArray upB, NDArray downW,
      NDArray downB) {
    return linear(FusedOps.swiGluGate(linear(x, gateW, gateB), linear(x, upW, upB)), downW, downB);
  }

  /**
   * Scaled dot-product attention, softmax in float32 like HF's eager path. The queries already carry the
   * 1/sqrt(headDim) factor (folded into their rotary tables, {@link Rotary}), so the scores need no pass of their own.
   *
   * @param q {@code [..., Lq, d]}, pre-scaled
   * @param k {@code [..., Lk, d]} (broadcastable against q's leading axes)
   * @param additiveMask float32, broadcastable to {@code [..., Lq, Lk]}: 0 or {@link #MASK_VALUE}
   */
  static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
    DataType type = q.getDataType();
    NDArray scores = q.matMul(k.swapAxes(-1, -2)).toType(DataType.FLOAT32, false).add(additiveMask);
    return scores.softmax(-1).toType(type, false).matMul(v);
  }

  /** The attention scale 1/sqrt(headDim), folded into the query's rotary tables. */
  static double attentionScale(long headDim) {
    return 1.0 / Math.sqrt(headDim);
  }
}
