package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Arrays made from Java data (token ids, masks, rotary angles, pixel rows, gather indices, scalar factors, initial
 * weights): an uninitialised libtorch array, written through a direct view of its own memory ({@link HostViews}).
 *
 * <p>Why not DJL's {@code manager.create(data)}: that copies the data into a fresh, zeroed direct buffer and lets
 * the tensor borrow it. Only the Java side keeps that buffer alive, while the graph keeps the tensor: once the
 * forward's scope is closed, a GC before the backward freed the memory under the graph (garbage indices, NaN
 * gradients; BackwardLifetimeTest). And a GC is what frees the buffer at all: with the launcher's 512 MB young
 * generation that was hundreds of steps later, so every step wrote its masks and pixel rows to fresh pages and the
 * native heap grew until the next GC (2 x 256 training steps: peak RSS after 100 steps 821 MB that way, ~500 MB
 * without it). Here libtorch owns the memory from the start and frees it when the array is closed; one copy, no
 * Java-side buffer, any size (views of at most 1 GiB at a time).
 */
public final class HostArrays {

  /** Writes values [from, from + count) of the source into a view's bytes (native order). */
  private interface Fill {
    void into(ByteBuffer view, int from, int count);
  }

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
    return filled(scope, data.length, new Shape(data.length), DataType.INT32,
        (view, from, count) -> view.asIntBuffer().put(data, from, count));
  }

  public static NDArray owned(NDManager scope, long[] data, Shape shape) {
    return filled(scope, data.length, shape, DataType.INT64,
        (view, from, count) -> view.asLongBuffer().put(data, from, count));
  }

  public static NDArray owned(NDManager scope, float[] data, Shape shape) {
    return filled(scope, data.length, shape, DataType.FLOAT32,
        (view, from, count) -> view.asFloatBuffer().put(data, from, count));
  }

  /** The parts one after another, as one float32 array of {@code shape} (no concatenated Java copy). */
  public static NDArray concatenated(NDManager scope, List<float[]> parts, Shape shape) {
    return filled(scope, parts.stream().mapToLong(p -> p.length).sum(), shape, DataType.FLOAT32,
        (view, from, count) -> {
          FloatBuffer out = view.asFloatBuffer();
          int skip = from;
          for (float[] part : parts) {
            int start = Math.min(skip, part.length);
            skip -= start;
            int n = Math.min(part.length - start, out.remaining());
            out.put(part, start, n);
          }
        });
  }

  private static NDArray filled(NDManager scope, long values, Shape shape, DataType type, Fill fill) {
    if (shape.size() != values) {
      throw new IllegalArgumentException(values + " values do not fill shape " + shape);
    }
    int width = type.getNumOfBytes();
    return HostViews.filled(scope, shape, type, HostViews.BLOCK_BYTES, (view, offset) ->
        fill.into(view, Math.toIntExact(offset / width), view.capacity() / width));
  }
}
