package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.HostArrays;

/**
 * Rotary tables for HF's {@code x*cos + rotate_half(x)*sin}, computed once per forward and shared by all layers.
 * The sign of rotate_half lives in the table ({@code sinSigned = (-sin, sin)} over the two halves), so a rotation
 * is x*cos + swap_halves(x)*sinSigned: the same products, without a negation pass. A factor (the attention scale,
 * for queries) can be folded into both tables; with the power-of-two scales of head dims 16 and 64 that is exact.
 */
record Rotary(NDArray cos, NDArray sinSigned) {

  /**
   * @param angles float32 {@code [..., d/2]} (broadcast against the rotated arrays after the half axis is doubled)
   * @param factor multiplies both tables (1 for keys)
   * @param type the activations' dtype
   */
  static Rotary of(NDArray angles, double factor, DataType type) {
    NDArray cos = angles.cos();
    NDArray sin = angles.sin();
    NDArray c = cos.concat(cos, -1);
    NDArray s = sin.neg().concat(sin, -1);
    if (factor != 1.0) {
      c = HostArrays.times(c, factor);
      s = HostArrays.times(s, factor);
    }
    return new Rotary(c.toType(type, false), s.toType(type, false));
  }

  /** x rotated (and scaled by the tables' factor); cos/sin broadcast against x, the last axis is the head dim. */
  NDArray apply(NDArray x) {
    NDList halves = x.split(2, x.getShape().dimension() - 1);
    return x.mul(cos).add(halves.get(1).concat(halves.get(0), -1).mul(sinSigned));
  }
}
