package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Java data into libtorch arrays through views of their memory: each array its own copy, whatever came after it. */
class HostArraysTest {

  @Test
  void valuesShapesAndTypesSurviveTheRoundTrip() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray floats = HostArrays.owned(m, new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, new Shape(2, 3));
      assertEquals(new Shape(2, 3), floats.getShape());
      assertEquals(DataType.FLOAT32, floats.getDataType());
      assertArrayEquals(new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, floats.toFloatArray());

      NDArray longs = HostArrays.owned(m, new long[] {Long.MAX_VALUE, -1, 7});
      assertEquals(DataType.INT64, longs.getDataType());
      assertArrayEquals(new long[] {Long.MAX_VALUE, -1, 7}, longs.toLongArray());

      NDArray ints = HostArrays.owned(m, new int[] {Integer.MIN_VALUE, 0, 9});
      assertEquals(DataType.INT32, ints.getDataType());
      assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, 9}, ints.toIntArray());

      NDArray scalar = HostArrays.scalar(m, 0.25f);
      assertEquals(new Shape(), scalar.getShape());
      assertEquals(0.25f, scalar.getFloat());

      NDArray joined = HostArrays.concatenated(m, List.of(new float[] {1, 2}, new float[] {}, new float[] {3, 4}),
          new Shape(2, 2));
      assertArrayEquals(new float[] {1, 2, 3, 4}, joined.toFloatArray());

      NDArray empty = HostArrays.owned(m, new long[0]);
      assertEquals(new Shape(0), empty.getShape());
      assertEquals(0, empty.toLongArray().length);
    }
  }

  @Test
  void eachArrayKeepsItsOwnValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> made = new ArrayList<>();
      // Same sizes, growing sizes, and one of 64 MiB + 4 bytes.
      int[] sizes = {1000, 1000, 1000, 1500, 3000, 100, (64 << 20) / Float.BYTES + 1, 1000};
      for (int i = 0; i < sizes.length; i++) {
        made.add(HostArrays.owned(m, filled(sizes[i], i), new Shape(sizes[i])));
      }
      for (int i = 0; i < sizes.length; i++) {
        assertArrayEquals(filled(sizes[i], i), made.get(i).toFloatArray(), "array " + i);
      }
    }
  }

  @Test
  void threadsMakingArraysAtOnceEachGetTheirOwnValues() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (NDManager m = NDManager.newBaseManager()) {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        checks.add(pool.submit(() -> IntStream.range(0, 200).allMatch(i -> {
          float[] values = filled(500 + 37 * (i % 5), thread);
          try (NDManager scope = m.newSubManager()) {
            return java.util.Arrays.equals(values,
                HostArrays.owned(scope, values, new Shape(values.length)).toFloatArray());
          }
        })));
      }
      for (Future<Boolean> check : checks) {
        assertTrue(check.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void valuesThatDoNotFillTheShapeAreRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HostArrays.owned(m, new float[5], new Shape(2, 3)));
      assertEquals("5 values do not fill shape (2, 3)", e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> HostArrays.concatenated(m, List.of(new float[4], new float[1]), new Shape(2, 2)));
    }
  }

  /** Values distinct across (seed < 8, i < 2^25): normal floats with those bits. */
  private static float[] filled(int size, int seed) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = Float.intBitsToFloat(0x2000_0000 + (seed << 25) + i);
    }
    return values;
  }
}
