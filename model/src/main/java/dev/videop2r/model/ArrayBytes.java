package dev.videop2r.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.io.TensorBytes;
import dev.videop2r.model.io.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A model array's bytes as a checkpoint stores them ({@code dtype}, little-endian), written straight from the
 * array's memory a view at a time ({@link HostViews}); BF16 rounded in Java (DJL has no bfloat16) a block at a time.
 * Saving a model therefore holds no copy of it (a whole-model copy on the Java heap before) and a tensor may exceed
 * the 2 GiB a buffer holds. The host must be little-endian, like the file (x86-64 and arm64 are).
 */
public final class ArrayBytes implements TensorBytes {

  /** Values rounded to BF16 per write. */
  private static final int BF16_WRITE_VALUES = 4 << 20;

  private final NDArray array;
  private final TensorDType dtype;
  private final long viewBytes;

  public ArrayBytes(NDArray array, TensorDType dtype, long viewBytes) {
    this.array = array;
    this.dtype = dtype;
    this.viewBytes = viewBytes;
  }

  public ArrayBytes(NDArray array, TensorDType dtype) {
    this(array, dtype, HostViews.BLOCK_BYTES);
  }

  @Override
  public long size() {
    return array.size() * dtype.bytes();
  }

  @Override
  public void writeTo(WritableByteChannel out) throws IOException {
    DataType hostType = dtype == TensorDType.BF16 ? DataType.FLOAT32 : dtype.djl();
    try (NDManager scope = array.getManager().newSubManager(Device.cpu())) {
      NDArray source = scoped(array.toDevice(Device.cpu(), false), scope);
      source = scoped(source.toType(hostType, false), scope);
      ByteBuffer bf16 = dtype == TensorDType.BF16
          ? ByteBuffer.allocate(2 * (int) Math.min(BF16_WRITE_VALUES, array.size())).order(ByteOrder.LITTLE_ENDIAN)
          : null;
      HostViews.forEachBlock(source, viewBytes, (bytes, offset) -> {
        if (bf16 == null) {
          TensorBytes.writeFully(out, bytes);
        } else {
          writeRounded(bytes.asFloatBuffer(), bf16, out);
        }
      });
    }
  }

  /** A conversion's result (a new array in the array's manager) moved to {@code scope}, which frees it. */
  private NDArray scoped(NDArray converted, NDManager scope) {
    if (converted != array) {
      converted.attach(scope);
    }
    return converted;
  }

  private static void writeRounded(FloatBuffer values, ByteBuffer block, WritableByteChannel out) throws IOException {
    while (values.hasRemaining()) {
      block.clear();
      while (block.hasRemaining() && values.hasRemaining()) {
        block.putShort(Bf16.fromFloat(values.get()));
      }
      TensorBytes.writeFully(out, block.flip());
    }
  }
}
