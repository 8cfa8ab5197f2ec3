package dev.videop2r.training;

import ai.djl.ndarray.types.DataType;

/** The type the weights are loaded and trained in. bfloat16 is absent: DJL 0.35's PyTorch JNI aborts on it. */
public enum WeightType {
  FLOAT32(DataType.FLOAT32),
  FLOAT16(DataType.FLOAT16);

  private final DataType dataType;

  WeightType(DataType dataType) {
    this.dataType = dataType;
  }

  public DataType dataType() {
    return dataType;
  }
}
