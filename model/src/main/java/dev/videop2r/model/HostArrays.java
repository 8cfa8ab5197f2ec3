package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Arrays made from Java data (token ids, masks, rotary angles, pixel rows, gather indices, scalar factors), all
 * libtorch-owned copies.
 *
 * <p>Why copies: DJL's CPU arrays made from Java data borrow a direct buffer that only the Java side keeps alive,
 * while the graph keeps the tensor: once the forward's scope is closed, a GC before the backward would free the
 * memory under the graph (garbage indices, NaN gradients; BackwardLifetimeTest). A libtorch-owned copy lives exactly
 * as long as the graph holds it.
 *
 * <p>Why staged: DJL allocates (and zeroes) a fresh direct buffer per array, which is freed only when a GC finds it.
 * With a large young generation that is hundreds of steps later, so every step wrote its masks and pixel rows to
 * fresh pages and the native heap grew until the next GC (2 x 256 training steps: peak RSS after 100 steps 821 MB
 * that way, 503 MB this way). Here the data goes through a few reused direct buffers, copied into libtorch memory
 * that is freed when its array is closed.
 */
public final class HostArrays {

  /** Staging buffers kept for reuse; larger ones are dropped after use (a pixel batch of real video can be huge). */
  private static final int POOLED_BUFFERS = 4;
  private static final int MAX_POOLED_BYTES = 64 << 20;
  /** Guarded by itself, as is {@link #allocations}. */
  private static final List<ByteBuffer> POOL = new ArrayList<>();
  private static long allocations;

  private HostArrays() {}

  /**
   * x·s, differentiable. Not {@code x.mul(s)}: DJL makes the scalar a tensor borrowing a direct buffer and closes
   * it at once, while {@code MulBackward} saves it; nor {@code x.mul(manager.create(s))}, which lives only as long
   * as that manager.
   */
  public static NDArray times(NDArray x, double s) {
    try (NDArray scalar = scalar(x.getManager(), (float) s)) {
      return x.mul(scalar);
    }
  }

  /** A float32 scalar (shape {@code []}). */
  public static NDArray scalar(NDManager scope, float value) {
    return owned(scope, new float[] {value}, new Shape());
  }

  public static NDArray owned(NDManager scope, long[] data) {
    return owned(scope, data, new Shape(data.length));
  }

  public static NDArray owned(NDManager scope, int[] data) {
    return copy(scope, data.length, b -> b.asIntBuffer().put(data), new Shape(data.length), DataType.INT32);
  }

  public static NDArray owned(NDManager scope, long[] data, Shape shape) {
    return copy(scope, data.length, b -> b.asLongBuffer().put(data), shape, DataType.INT64);
  }

  public static NDArray owned(NDManager scope, float[] data, Shape shape) {
    return copy(scope, data.length, b -> b.asFloatBuffer().put(data), shape, DataType.FLOAT32);
  }

  /** The parts one after another, as one float32 array of {@code shape} (no concatenated Java copy). */
  public static NDArray concatenated(NDManager scope, List<float[]> parts, Shape shape) {
    return copy(scope, parts.stream().mapToLong(p -> p.length).sum(), b -> {
      FloatBuffer out = b.asFloatBuffer();
      parts.forEach(out::put);
    }, shape, DataType.FLOAT32);
  }

  /** A libtorch-owned copy of an array (in the same manager). */
  public static NDArray owned(NDArray borrowed) {
    return borrowed.duplicate();
  }

  private static NDArray copy(NDManager scope, long values, Consumer<ByteBuffer> fill, Shape shape, DataType type) {
    if (shape.size() != values) {
      throw new IllegalArgumentException(values + " values do not fill shape " + shape);
    }
    if (values * type.getNumOfBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("an array of " + values + " " + type + " values is over 2 GiB: too large for "
          + "one copy from Java");
    }
    int bytes = (int) values * type.getNumOfBytes();
    ByteBuffer staging = take(bytes);
    try {
      // From position 0: libtorch reads the buffer from its base address.
      ByteBuffer view = staging.slice(0, bytes).order(ByteOrder.nativeOrder());
      fill.accept(view);
      NDArray created = scope.create(view, shape, type);
      if (created.getDevice().isGpu()) {
        return created; // already a copy in device memory
      }
      try (created) {
        return owned(created);
      }
    } finally {
      give(staging);
    }
  }

  private static ByteBuffer take(int bytes) {
    synchronized (POOL) {
      for (int i = 0; i < POOL.size(); i++) {
        if (POOL.get(i).capacity() >= bytes) {
          return POOL.remove(i);
        }
      }
      allocations++;
    }
    // Rounded up (to a power of two up to 1 MiB, to whole MiB above) so that slowly growing sizes, a longer prompt
    // each step, reuse one buffer.
    int capacity = bytes > MAX_POOLED_BYTES ? bytes
        : bytes <= 1 << 20 ? Math.max(4096, Integer.highestOneBit(Math.max(1, bytes - 1)) << 1)
        : (bytes + (1 << 20) - 1) & -(1 << 20);
    return ByteBuffer.allocateDirect(capacity);
  }

  /** Staging buffers allocated so far (tests: reuse means this stops growing). */
  static long allocations() {
    synchronized (POOL) {
      return allocations;
    }
  }

  private static void give(ByteBuffer staging) {
    if (staging.capacity() > MAX_POOLED_BYTES) {
      return;
    }
    synchronized (POOL) {
      POOL.add(staging);
      if (POOL.size() > POOLED_BUFFERS) {
        POOL.remove(POOL.stream().min(Comparator.comparingInt(ByteBuffer::capacity)).orElseThrow());
      }
      POOL.sort(Comparator.comparingInt(ByteBuffer::capacity));
    }
  }
}
