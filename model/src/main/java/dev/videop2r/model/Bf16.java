package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** bfloat16 <-> float32 bit conversions (done in Java: DJL's PyTorch JNI has no bfloat16 dtype). */
public final class Bf16 {

  /** Values per block when widening: 256 MiB of float32. */
  public static final long WIDEN_BLOCK_VALUES = 64L << 20;

  private Bf16() {}

  /**
   * BF16 -> float32 in Java (exact: bits << 16), because DJL 0.35's PyTorch JNI has no bfloat16 dtype (asking for
   * one aborts the JVM). Large tensors are widened in blocks of about {@code blockValues} values (whole leading-axis
   * rows) and concatenated, so no direct buffer approaches 2 GiB.
   */
  public static NDArray widen(ByteBuffer bytes, Shape shape, NDManager manager, long blockValues) {
    long rows = shape.dimension() == 0 ? 1 : shape.get(0);
    long rowValues = rows == 0 ? 0 : shape.size() / rows;
    long blockRows = Math.max(1, blockValues / Math.max(1, rowValues));
    List<NDArray> blocks = new ArrayList<>();
    try {
      for (long start = 0; start < Math.max(rows, 1); start += blockRows) {
        long count = Math.min(blockRows, rows - start);
        int n = Math.toIntExact(count * rowValues);
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        int base = Math.toIntExact(start * rowValues);
        for (int i = 0; i < n; i++) {
          out.putInt((bytes.getShort(2 * (base + i)) & 0xffff) << 16);
        }
        out.flip();
        long[] blockShape = shape.getShape().clone();
        if (blockShape.length > 0) {
          blockShape[0] = count;
        }
        try (NDArray view = manager.create(out, new Shape(blockShape), DataType.FLOAT32)) {
          blocks.add(view.duplicate());
        }
        if (rows == 0) {
          break;
        }
      }
      if (blocks.size() == 1) {
        return blocks.remove(0);
      }
      return NDArrays.concat(new NDList(blocks), 0);
    } finally {
      blocks.forEach(NDArray::close);
    }
  }

  /** Exact widening. */
  public static float toFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** Round to nearest, ties to even (torch's float -> bfloat16); NaN stays a quiet NaN. */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }
}
