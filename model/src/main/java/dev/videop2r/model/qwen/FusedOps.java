package dev.videop2r.model.qwen;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * libtorch ops that DJL 0.35 does not expose, run through a parameter-free TorchScript module (resource
 * {@code fused-ops.pt}, written by {@code model/src/main/torchscript/fused_ops.py}). It runs with autograd on
 * (DJL's training mode of the module) and with the graph executor's optimisations off, so autograd records
 * libtorch's own ops and their fused backwards (optimised, TorchScript replaces them by its own differentiable
 * graph whose backward is composed from sigmoid, mul and add: slower than the composed SiLU it replaces).
 */
final class FusedOps {

  private static final String RESOURCE = "fused-ops.pt";

  private FusedOps() {}

  /** The module, loaded once per process on the first call. */
  private static final class Module {
    /** Never closed: the module and its marker live as long as the process. */
    static final PtNDManager OWNER = (PtNDManager) Engine.getEngine("PyTorch").newBaseManager();
    static final PtSymbolBlock BLOCK = load();
    /** Selects the module's {@code rotate} method in DJL's argument list (DJL runs {@code forward} otherwise). */
    static final NDArray ROTATE = method("rotate");

    private static NDArray method(String name) {
      NDArray marker = OWNER.create(0f);
      marker.setName("module_method:" + name);
      return marker;
    }

    private static PtSymbolBlock load() {
      try (InputStream in = FusedOps.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " missing from the model module's jar");
        }
        return JniUtils.loadModule(OWNER, in, false, false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
      }
    }
  }

  /**
   * {@code silu(gate) * up} with libtorch's fused silu (one pass forward, one backward) where x·sigmoid(x) takes
   * three forward and four backward; the result lives in gate's manager.
   */
  static NDArray swiGluGate(NDArray gate, NDArray up) {
    return run(new NDList(gate, up));
  }

  /**
   * x {@code [..., d]} rotated by a complex64 table {@code [..., d/2]} (broadcast): pairs (x_j, x_{j+d/2}) times
   * table_j, returned interleaved (x'_0, x'_{d/2}, x'_1, ...) in x's manager. See {@link Rotary}.
   */
  static NDArray rotate(NDArray x, NDArray table) {
    return run(new NDList(x, table, Module.ROTATE));
  }

  /** Runs the module on the arguments; results in the first argument's manager. */
  private static NDArray run(NDList arguments) {
    // A thread-local libtorch flag, read at each call: set on whichever thread runs the model.
    JniUtils.setGraphExecutorOptimize(false);
    return IValueUtils.forward(Module.BLOCK, arguments, true).singletonOrThrow();
  }
}
