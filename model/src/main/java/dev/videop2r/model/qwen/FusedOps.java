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
    static final PtSymbolBlock BLOCK = load();

    private static PtSymbolBlock load() {
      PtNDManager owner = (PtNDManager) Engine.getEngine("PyTorch").newBaseManager();
      try (InputStream in = FusedOps.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " missing from the model module's jar");
        }
        return JniUtils.loadModule(owner, in, false, false);
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
    // A thread-local libtorch flag, read at each call: set on whichever thread runs the model.
    JniUtils.setGraphExecutorOptimize(false);
    return IValueUtils.forward(Module.BLOCK, new NDList(gate, up), true).singletonOrThrow();
  }
}
