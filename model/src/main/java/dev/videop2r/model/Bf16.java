package dev.videop2r.model;

/** bfloat16 <-> float32 bit conversions (done in Java: DJL's PyTorch JNI has no bfloat16 dtype). */
public final class Bf16 {

  private Bf16() {}

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
