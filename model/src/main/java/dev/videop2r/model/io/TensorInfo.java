package dev.videop2r.model.io;

import java.util.Arrays;

/** One header entry of a safetensors file: offsets are relative to the start of the data section. */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    long elements = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension " + Arrays.toString(shape));
      }
      elements = Math.multiplyExact(elements, d);
    }
    if (begin < 0 || end < begin || end - begin != elements * dtype.bytes()) {
      throw new IllegalArgumentException("tensor '" + name + "': data_offsets [" + begin + ", " + end
          + "] do not fit " + dtype.code() + " " + Arrays.toString(shape));
    }
  }

  public long byteSize() {
    return end - begin;
  }

  public long elementCount() {
    return byteSize() / dtype.bytes();
  }
}
