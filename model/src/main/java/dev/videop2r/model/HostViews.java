package dev.videop2r.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Direct views of a CPU array's own bytes, a block of leading-axis rows at a time: libtorch hands out views of at
 * most 2 GiB (7B's embedding is 2.2 GB as float32), and a slice of leading rows of a contiguous array is itself a
 * contiguous view, so writing to a block's buffer writes the array.
 */
public final class HostViews {

  /** Bytes per view. */
  public static final long BLOCK_BYTES = 1L << 30;

  /** What to do with one block: its bytes (native order) and where they start in the array's bytes. */
  public interface Block {
    void accept(ByteBuffer bytes, long offset) throws IOException;
  }

  private HostViews() {}

  /**
   * A new {@code type} array of {@code shape} in {@code scope}, on its device, whose bytes {@code fill} writes a
   * view at a time ({@link #forEachBlock}). Views exist of CPU memory only: for a GPU scope the array is filled on
   * the CPU, then copied over.
   */
  public static NDArray filled(NDManager scope, Shape shape, DataType type, long maxBytes, Block fill) {
    boolean onCpu = !scope.getDevice().isGpu();
    NDManager host = onCpu ? scope : scope.newSubManager(Device.cpu());
    try {
      NDArray array = host.create(shape, type);
      forEachBlock(array, maxBytes, fill);
      if (onCpu) {
        return array;
      }
      NDArray moved = array.toDevice(scope.getDevice(), false);
      moved.attach(scope);
      return moved;
    } finally {
      if (!onCpu) {
        host.close();
      }
    }
  }

  /** Visits {@code array}'s bytes in blocks of at most {@code maxBytes} (whole rows, at least one). */
  public static void forEachBlock(NDArray array, long maxBytes, Block block) {
    long rows = array.getShape().dimension() == 0 ? 1 : array.getShape().get(0);
    long bytes = array.size() * array.getDataType().getNumOfBytes();
    if (bytes == 0) {
      return;
    }
    long rowBytes = bytes / rows;
    long blockRows = Math.max(1, maxBytes / rowBytes);
    try {
      for (long first = 0; first < rows; first += blockRows) {
        long end = Math.min(rows, first + blockRows);
        if (first == 0 && end == rows) {
          block.accept(array.toByteBuffer(true), 0);
        } else {
          try (NDArray part = array.get(new NDIndex("{}:{}", first, end))) {
            block.accept(part.toByteBuffer(true), first * rowBytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
