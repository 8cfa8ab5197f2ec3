package dev.videop2r.model.io;

import ai.djl.ndarray.types.DataType;

/** Safetensors element types this project reads and writes, with their DJL counterparts. */
public enum TensorDType {
  F32("F32", 4, DataType.FLOAT32),
  F16("F16", 2, DataType.FLOAT16),
  BF16("BF16", 2, DataType.BFLOAT16),
  F64("F64", 8, DataType.FLOAT64),
  I64("I64", 8, DataType.INT64),
  I32("I32", 4, DataType.INT32),
  U8("U8", 1, DataType.UINT8),
  BOOL("BOOL", 1, DataType.BOOLEAN);

  private final String code;
  private final int bytes;
  private final DataType djl;

  TensorDType(String code, int bytes, DataType djl) {
    this.code = code;
    this.bytes = bytes;
    this.djl = djl;
  }

  /** The header spelling ("F32", "BF16", ...). */
  public String code() {
    return code;
  }

  public int bytes() {
    return bytes;
  }

  public DataType djl() {
    return djl;
  }

  public static TensorDType fromCode(String code) {
    for (TensorDType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported safetensors dtype '" + code + "'");
  }

  public static TensorDType fromDjl(DataType type) {
    for (TensorDType t : values()) {
      if (t.djl == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("no safetensors dtype for " + type);
  }
}
