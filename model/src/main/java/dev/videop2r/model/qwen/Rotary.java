package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary tables for HF's {@code x*cos + rotate_half(x)*sin}, computed once per forward and shared by all layers.
 * Rotating the pair (x_j, x_{j+d/2}) by angle θ_j is the complex product (x_j + i·x_{j+d/2})·(cos θ_j + i·sin θ_j):
 * the same four products, one elementwise pass forward and one backward, where the halves formula takes a concat,
 * two products and a sum forward and as many passes back. The result keeps the pairs interleaved (x'_0, x'_{d/2},
 * x'_1, ...): queries and keys are rotated alike and only meet in dot products over the head dim, which a common
 * permutation of that axis leaves unchanged. Computed in float32 (HF's vision tower does too; its text decoder
 * rotates in the activation dtype, the same for float32 models). A factor (the attention scale, for queries) can
 * be folded into the table; with the power-of-two scales of head dims 16 and 64 that is exact. The product runs in
 * {@link FusedOps} (DJL's own view_as_complex is a copy that autograd cannot go through).
 *
 * @param table complex64 {@code cos + i·sin} (times the factor), {@code [..., d/2]}
 */
record Rotary(NDArray table) {

  /**
   * @param angles float32 {@code [..., d/2]} (broadcast against the rotated arrays' leading axes)
   * @param factor multiplies the table (1 for keys)
   */
  static Rotary of(NDArray angles, double factor) {
    NDArray cosSin = angles.cos().stack(angles.sin(), -1);
    if (factor != 1.0) {
      cosSin = GraphArrays.times(cosSin, factor);
    }
    return new Rotary(cosSin.complex());
  }

  /** x rotated (and scaled by the table's factor), pairs interleaved; the last axis is the head dim. */
  NDArray apply(NDArray x) {
    return FusedOps.rotate(x.toType(DataType.FLOAT32, false), table).toType(x.getDataType(), false);
  }
}
