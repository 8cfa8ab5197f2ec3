package dev.videop2r.training.optim;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Whole-model gradient operations: global L2 norm, clipping to a maximum norm, and zeroing. */
public final class Gradients {
  private Gradients() {}

  /** sqrt(Σ over every parameter of Σ g²), in double precision. NaN or ∞ when any gradient is. */
  public static double globalNorm(Map<String, NDArray> params) {
    double sumSquares = 0;
    for (NDArray p : params.values()) {
      try (NDArray g = p.getGradient();
          NDArray g32 = g.toType(ai.djl.ndarray.types.DataType.FLOAT32, true);
          NDArray sq = g32.square();
          NDArray s = sq.sum()) {
        sumSquares += s.getFloat();
      }
    }
    return Math.sqrt(sumSquares);
  }

  /**
   * Scales every gradient by {@code maxNorm / norm} when {@code norm > maxNorm} (PyTorch's clip_grad_norm_,
   * with its 1e-6 guard); returns the factor applied (1 when no clipping happened).
   */
  public static double clip(Map<String, NDArray> params, double norm, double maxNorm) {
    if (!(maxNorm > 0) || norm <= maxNorm) {
      return 1.0;
    }
    double factor = maxNorm / (norm + 1e-6);
    for (NDArray p : params.values()) {
      try (NDArray g = p.getGradient()) {
        g.muli(factor);
      }
    }
    return factor;
  }

  /**
   * Clears every gradient (DJL's collector accumulates into .grad and never clears it): what PyTorch's
   * {@code zero_grad(set_to_none=True)} does. Zeroing in place would cost a fill now and an add into the zeros at
   * the next backward; a cleared gradient is stored by that backward as computed. Until then it reads as zeros.
   */
  public static void zero(Map<String, NDArray> params) {
    for (NDArray p : params.values()) {
      clear(p);
    }
  }

  /**
   * Drops {@code p}'s gradient: its native tensor becomes a fresh autograd leaf on the same storage (DJL has no
   * call that undefines a gradient). The Java object, its data and in-place updates of it are unaffected.
   */
  public static void clear(NDArray p) {
    if (!p.hasGradient()) {
      return;
    }
    NDArray leaf = p.stopGradient();
    leaf.setRequiresGradient(true);
    p.intern(leaf);
  }
}
