package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named intermediate tensors of one forward pass, copied to Java arrays, for parity checks against a reference
 * (names follow the golden fixture: {@code video_patch_embed}, {@code text_layer_0_out}, {@code logits}, ...).
 */
public final class Trace {

  /** A copied tensor: exactly one of {@code floats} / {@code longs} is set. */
  public record Tensor(long[] shape, float[] floats, long[] longs) {
    public boolean isInteger() {
      return longs != null;
    }
  }

  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  void put(String name, NDArray value) {
    long[] shape = value.getShape().getShape();
    if (value.getDataType().isInteger()) {
      tensors.put(name, new Tensor(shape, null, value.toType(DataType.INT64, false).toLongArray()));
    } else {
      tensors.put(name, new Tensor(shape, value.toType(DataType.FLOAT32, false).toFloatArray(), null));
    }
  }

  void putLongs(String name, long[] shape, long[] values) {
    tensors.put(name, new Tensor(shape.clone(), null, values.clone()));
  }

  public Map<String, Tensor> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  public Tensor get(String name) {
    return tensors.get(name);
  }
}
