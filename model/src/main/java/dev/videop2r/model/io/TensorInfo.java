package dev.videop2r.model.io;

import java.util.Arrays;

/** One header entry of a safetensors file: offsets are relative to the start of the data section. */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    long bytes = dtype.bytes();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension " + Arrays.toString(shape));
      }
      try {
        bytes = Math.multiplyExact(bytes, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("tensor '" + name + "': " + dtype.code() + " " + Arrays.toString(shape)
            + " is more than 2^63 bytes");
      }
    }
    if (begin < 0 || end < begin || end - begin != bytes) {
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
