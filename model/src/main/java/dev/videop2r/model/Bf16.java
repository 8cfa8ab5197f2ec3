package dev.videop2r.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/** bfloat16 <-> float32 bit conversions (done in Java: DJL's PyTorch JNI has no bfloat16 dtype). */
public final class Bf16 {

  private Bf16() {}

  /**
   * BF16 -> float32 (exact: bits << 16): the bfloat16 values remaining in {@code src} (little-endian, as safetensors
   * stores them) written to {@code dst} in its byte order; both positions advance. Done in Java because DJL 0.35's
   * PyTorch JNI has no bfloat16 dtype (asking for one aborts the JVM).
   */
  public static void widen(ByteBuffer src, ByteBuffer dst) {
    ShortBuffer in = src.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    IntBuffer out = dst.slice().order(dst.order()).asIntBuffer();
    int n = in.remaining();
    if (out.remaining() < n) {
      throw new IllegalArgumentException(n + " bfloat16 values do not fit in " + out.remaining() + " float32 slots");
    }
    for (int i = 0; i < n; i++) {
      out.put(i, (in.get(i) & 0xffff) << 16);
    }
    src.position(src.position() + 2 * n);
    dst.position(dst.position() + 4 * n);
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
