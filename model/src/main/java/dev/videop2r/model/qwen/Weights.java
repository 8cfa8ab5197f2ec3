package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Looks up checkpoint tensors by name, failing with the missing name. */
record Weights(Map<String, NDArray> byName) {

  NDArray get(String name) {
    NDArray a = byName.get(name);
    if (a == null) {
      throw new IllegalArgumentException("checkpoint is missing tensor '" + name + "'");
    }
    return a;
  }
}
