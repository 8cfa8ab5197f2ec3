package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data that autograd may save for the backward (gather indices, pixel rows, scalar
 * factors). DJL's CPU arrays made from Java data borrow a direct buffer that only the Java array object keeps
 * alive, while the graph keeps the tensor: once the forward's scope is closed, a GC before the backward would free
 * the memory under the graph (garbage indices, NaN gradients; BackwardLifetimeTest). A libtorch-owned copy lives
 * exactly as long as the graph holds it.
 */
public final class GraphArrays {

  private GraphArrays() {}

  /**
   * x·s, differentiable. Not {@code x.mul(s)}: DJL makes the scalar a tensor borrowing a direct buffer and closes
   * it at once, while {@code MulBackward} saves it; nor {@code x.mul(manager.create(s))}, which lives only as long
   * as that manager.
   */
  public static NDArray times(NDArray x, double s) {
    try (NDArray scalar = x.getManager().create((float) s)) {
      return x.mul(owned(scalar));
    }
  }

  public static NDArray owned(NDManager scope, long[] data) {
    try (NDArray borrowed = scope.create(data)) {
      return owned(borrowed);
    }
  }

  public static NDArray owned(NDManager scope, int[] data) {
    try (NDArray borrowed = scope.create(data)) {
      return owned(borrowed);
    }
  }

  public static NDArray owned(NDManager scope, float[] data, Shape shape) {
    try (NDArray borrowed = scope.create(data, shape)) {
      return owned(borrowed);
    }
  }

  /** A libtorch-owned copy of an array (in the same manager). */
  static NDArray owned(NDArray borrowed) {
    return borrowed.duplicate();
  }
}
