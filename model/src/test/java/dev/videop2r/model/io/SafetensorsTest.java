package dev.videop2r.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @TempDir Path dir;

  private static SafetensorsWriter.Entry halfEntry(String name, TensorDType type, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putShort(type == TensorDType.BF16 ? (short) (Float.floatToIntBits(v) >>> 16) : Float.floatToFloat16(v));
    }
    return new SafetensorsWriter.Entry(name, type, new long[] {values.length}, b.flip());
  }

  @Test
  void writesAndReadsF32Bf16F16AndI64() {
    Path file = dir.resolve("t.safetensors");
    float[] exact = {1f, -2.5f, 0.375f, 1024f};
    SafetensorsWriter.write(file, List.of(
        SafetensorsWriter.Entry.ofFloats("a.f32", new long[] {2, 2}, new float[] {0.1f, 0.2f, 0.3f, 0.4f}),
        halfEntry("b.bf16", TensorDType.BF16, exact),
        halfEntry("c.f16", TensorDType.F16, exact),
        SafetensorsWriter.Entry.ofLongs("d.i64", new long[] {3}, new long[] {-1, 0, Long.MAX_VALUE})),
        Map.of("format", "pt"));
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, f.floats("a.f32"));
      assertArrayEquals(new long[] {2, 2}, f.info("a.f32").shape());
      assertArrayEquals(exact, f.floats("b.bf16"));
      assertArrayEquals(exact, f.floats("c.f16"));
      assertArrayEquals(new long[] {-1, 0, Long.MAX_VALUE}, f.longs("d.i64"));
      assertEquals("pt", f.metadata().get("format"));
      assertEquals(TensorDType.BF16, f.info("b.bf16").dtype());
    }
  }

  @Test
  void positionalReadsCopyAnyRangeOfATensorAndRefuseOthers() {
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, List.of(
        SafetensorsWriter.Entry.ofLongs("first", new long[] {2}, new long[] {7, 8}),
        SafetensorsWriter.Entry.ofFloats("second", new long[] {3}, new float[] {1.5f, -2f, 4f})), Map.of());
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      ByteBuffer all = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      f.read("second", 0, all);
      assertEquals(12, all.position());
      assertEquals(-2f, all.getFloat(4));
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      f.read("second", 4, tail);
      assertEquals(-2f, tail.getFloat(0));
      assertEquals(4f, tail.getFloat(4));
      IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
          () -> f.read("second", 8, ByteBuffer.allocate(8)));
      assertEquals(file + ": tensor 'second' has 12 bytes; cannot read 8 from byte 8", past.getMessage());
      assertThrows(IllegalArgumentException.class, () -> f.read("second", -1, ByteBuffer.allocate(1)));
      assertThrows(IllegalArgumentException.class, () -> f.read("third", 0, ByteBuffer.allocate(1)));
    }
  }

  @Test
  void headerIsEightByteAligned() throws IOException {
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.ofFloats("x", new long[] {1}, new float[] {1f})),
        Map.of());
    ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0, head.getLong() % 8);
  }

  @Property(tries = 30)
  void chunkedMappingReturnsEveryTensorIntact(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 300) Integer> sizes,
      @ForAll @IntRange(min = 1, max = 2000) int chunkBytes) throws IOException {
    Path tmp = Files.createTempDirectory("st");
    Random random = new Random(sizes.hashCode());
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    List<float[]> originals = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      float[] values = new float[sizes.get(i)];
      for (int j = 0; j < values.length; j++) {
        values[j] = random.nextFloat();
      }
      originals.add(values);
      entries.add(SafetensorsWriter.Entry.ofFloats("t" + i, new long[] {values.length}, values));
    }
    Path file = tmp.resolve("p.safetensors");
    SafetensorsWriter.write(file, entries, Map.of());
    try (SafetensorsFile f = SafetensorsFile.open(file, chunkBytes)) {
      for (int i = 0; i < sizes.size(); i++) {
        assertArrayEquals(originals.get(i), f.floats("t" + i));
      }
      List<List<TensorInfo>> plan = SafetensorsFile.planChunks(f.tensors().values(), chunkBytes);
      assertEquals(plan.size(), f.chunkCount());
      for (List<TensorInfo> chunk : plan) {
        long span = chunk.get(chunk.size() - 1).end() - chunk.get(0).begin();
        assertTrue(chunk.size() == 1 || span <= chunkBytes, "chunk spans " + span + " > " + chunkBytes);
      }
      assertEquals(sizes.size(), plan.stream().mapToInt(List::size).sum());
    }
    Files.delete(file);
    Files.delete(tmp);
  }

  @Test
  void chunkPlanKeepsEachChunkWithinTheLimitUnlessOneTensorIsLarger() {
    List<TensorInfo> infos = List.of(
        new TensorInfo("a", TensorDType.F32, new long[] {10}, 0, 40),
        new TensorInfo("b", TensorDType.F32, new long[] {10}, 40, 80),
        new TensorInfo("c", TensorDType.F32, new long[] {50}, 80, 280),
        new TensorInfo("d", TensorDType.F32, new long[] {5}, 280, 300));
    List<List<TensorInfo>> chunks = SafetensorsFile.planChunks(infos, 100);
    assertEquals(List.of(List.of("a", "b"), List.of("c"), List.of("d")),
        chunks.stream().map(c -> c.stream().map(TensorInfo::name).toList()).toList());
    assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.planChunks(List.of(
        new TensorInfo("huge", TensorDType.U8, new long[] {3L << 30}, 0, 3L << 30)), 100));
  }

  @Test
  void truncatedFileIsRejectedWithItsName() throws IOException {
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.ofFloats("x", new long[] {4}, new float[4])),
        Map.of());
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(cut));
    assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("'x'"), e.getMessage());
  }

  /** A file with this JSON header and {@code dataBytes} zero bytes of data. */
  private Path raw(String name, String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  private static void assertRefused(Path file, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  @Test
  void headersWhoseByteSizesOverflowOrWhoseTensorsOverlapAreRefusedNamingFileAndTensor() throws IOException {
    // 2^62 F32 elements are 2^64 bytes, which wraps to 0 in long arithmetic: the empty offsets used to match.
    assertRefused(raw("wrap.safetensors",
        "{\"big\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}", 0),
        "'big'", "more than 2^63 bytes");
    assertRefused(raw("overflow.safetensors",
        "{\"w\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0),
        "'w'", "more than 2^63 bytes");
    assertRefused(raw("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24), "'a' [0, 16)", "'b' [8, 24)",
        "overlap");
    // Adjacent tensors and an empty one at a shared offset are fine.
    try (SafetensorsFile f = SafetensorsFile.open(raw("ok.safetensors",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16))) {
      assertEquals(3, f.tensors().size());
    }
  }

  @Test
  void shardedSaveWritesAnIndexAndReadsBack() throws IOException {
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(SafetensorsWriter.Entry.ofFloats("model.layers." + i + ".w", new long[] {8}, new float[] {i, i, i, i, i, i, i, i}));
    }
    Checkpoint.save(dir, entries, 70);
    assertTrue(Files.exists(dir.resolve(Checkpoint.INDEX_FILE)));
    assertFalse(Files.exists(dir.resolve(Checkpoint.SINGLE_FILE)));
    assertTrue(Files.exists(dir.resolve("model-00003-of-00003.safetensors")));
    try (Checkpoint c = Checkpoint.open(dir, 16)) {
      for (int i = 0; i < 5; i++) {
        assertEquals((float) i, c.floats("model.layers." + i + ".w")[7]);
      }
    }
    // Saving again unsharded removes the shards and the index.
    Checkpoint.save(dir, entries, Checkpoint.DEFAULT_SHARD_BYTES);
    assertFalse(Files.exists(dir.resolve(Checkpoint.INDEX_FILE)));
    assertFalse(Files.exists(dir.resolve("model-00001-of-00003.safetensors")));
    try (Checkpoint c = Checkpoint.open(dir)) {
      assertEquals(4f, c.floats("model.layers.4.w")[0]);
    }
  }

  @Test
  void indexNamingAMissingTensorIsAnError() throws IOException {
    Checkpoint.save(dir, List.of(
        SafetensorsWriter.Entry.ofFloats("a", new long[] {1}, new float[] {1}),
        SafetensorsWriter.Entry.ofFloats("b", new long[] {1}, new float[] {2})), 4);
    String index = Files.readString(dir.resolve(Checkpoint.INDEX_FILE)).replace("\"b\"", "\"c\"");
    Files.writeString(dir.resolve(Checkpoint.INDEX_FILE), index);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.open(dir));
    assertTrue(e.getMessage().contains("'c'"), e.getMessage());
  }

  @Test
  void newerNamingSchemeIsNormalised() {
    SafetensorsWriter.write(dir.resolve(Checkpoint.SINGLE_FILE), List.of(
        SafetensorsWriter.Entry.ofFloats("model.visual.blocks.0.norm1.weight", new long[] {1}, new float[] {1}),
        SafetensorsWriter.Entry.ofFloats("model.language_model.layers.0.input_layernorm.weight", new long[] {1},
            new float[] {2}),
        SafetensorsWriter.Entry.ofFloats("lm_head.weight", new long[] {1}, new float[] {3})), Map.of());
    try (Checkpoint c = Checkpoint.open(dir)) {
      assertEquals(1f, c.floats("visual.blocks.0.norm1.weight")[0]);
      assertEquals(2f, c.floats("model.layers.0.input_layernorm.weight")[0]);
      assertEquals(3f, c.floats("lm_head.weight")[0]);
      assertEquals(KeyLayout.LANGUAGE_MODEL, c.layout());
    }
  }

  @Test
  void publishedNamingIsThePublishedLayout() {
    SafetensorsWriter.write(dir.resolve(Checkpoint.SINGLE_FILE), List.of(
        SafetensorsWriter.Entry.ofFloats("visual.blocks.0.norm1.weight", new long[] {1}, new float[] {1}),
        SafetensorsWriter.Entry.ofFloats("model.layers.0.input_layernorm.weight", new long[] {1}, new float[] {2})),
        Map.of());
    try (Checkpoint c = Checkpoint.open(dir)) {
      assertEquals(KeyLayout.PUBLISHED, c.layout());
    }
  }
}
