package dev.videop2r.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.io.TensorInfo;
import java.nio.ByteBuffer;

/**
 * Reads a checkpoint's tensors straight into libtorch memory: per tensor an uninitialised CPU array, filled through
 * direct views of its bytes ({@link HostViews}) by positional reads of the file (BF16 widened to float32 a block at a
 * time through one reused buffer), then converted to the model's dtype and moved to its device.
 *
 * <p>Nothing is left behind for a GC to release: copying out of a memory mapping counted the whole checkpoint's
 * file pages in the process's RSS, and widening into fresh direct buffers as much again in anonymous memory (the
 * 684 M model loaded as float32 from BF16 peaked at 7.0 GB RSS that way, 3.0 GB this way). The file's little-endian
 * bytes are copied as they are, so the host must be little-endian (x86-64 and arm64 are).
 */
final class CheckpointReader {

  /** BF16 bytes per positional read while widening (4M values). */
  static final int BF16_READ_BYTES = 8 << 20;

  private final ByteBuffer bf16Block;
  private final long fillBytes;

  /**
   * @param bf16ReadBytes BF16 bytes per read (even)
   * @param fillBytes destination bytes per view ({@link HostViews}; at least one row)
   */
  CheckpointReader(int bf16ReadBytes, long fillBytes) {
    if (bf16ReadBytes < 2 || bf16ReadBytes % 2 != 0) {
      throw new IllegalArgumentException("bf16ReadBytes must be a positive even number, got " + bf16ReadBytes);
    }
    if (fillBytes < 1) {
      throw new IllegalArgumentException("fillBytes must be positive, got " + fillBytes);
    }
    this.bf16Block = ByteBuffer.allocateDirect(bf16ReadBytes);
    this.fillBytes = fillBytes;
  }

  CheckpointReader() {
    this(BF16_READ_BYTES, HostViews.BLOCK_BYTES);
  }

  /** Tensor {@code name} as a {@code dtype} array (floating tensors converted) in {@code manager}, on its device. */
  NDArray read(Checkpoint checkpoint, String name, NDManager manager, DataType dtype) {
    TensorInfo info = checkpoint.info(name);
    boolean bf16 = info.dtype() == TensorDType.BF16;
    DataType stored = bf16 ? DataType.FLOAT32 : info.dtype().djl();
    try (NDManager host = manager.newSubManager(Device.cpu())) {
      // A float32 byte of the array is half a byte of a BF16 file.
      NDArray array = HostViews.filled(host, new Shape(info.shape()), stored, fillBytes, (memory, offset) -> fill(
          checkpoint, name, bf16 ? offset / 2 : offset, bf16 ? memory.capacity() / 2 : memory.capacity(), memory, bf16));
      NDArray typed = stored.isFloating() && stored != dtype ? array.toType(dtype, false) : array;
      NDArray placed = typed.toDevice(manager.getDevice(), false);
      placed.attach(manager);
      return placed;
    }
  }

  private void fill(Checkpoint checkpoint, String name, long offset, long length, ByteBuffer memory, boolean bf16) {
    if (!bf16) {
      checkpoint.read(name, offset, memory);
      return;
    }
    for (long done = 0; done < length; done += bf16Block.limit()) {
      bf16Block.clear().limit((int) Math.min(bf16Block.capacity(), length - done));
      checkpoint.read(name, offset + done, bf16Block);
      Bf16.widen(bf16Block.flip(), memory);
    }
  }
}
