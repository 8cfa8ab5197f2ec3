package dev.videop2r.model;

import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.io.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadTest {

  @TempDir Path dir;

  private static NDArray textLogits(QwenVLModel model, NDManager m) {
    NDArray ids = m.create(new long[] {0, 3, 7, 9, 11, 2}, new Shape(2, 3));
    NDArray mask = m.create(new long[] {0, 1, 1, 1, 1, 1}, new Shape(2, 3));
    return model.forward(ids, mask, List.of());
  }

  @Test
  void initSaveLoadRoundTripsUntied() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(TestModels.tiny(false), 11, m)) {
      model.save(dir);
      assertTrue(Files.exists(dir.resolve("config.json")));
      try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(Checkpoint.SINGLE_FILE))) {
        assertTrue(f.contains("lm_head.weight"));
        assertEquals(TensorDType.F32, f.info("model.embed_tokens.weight").dtype());
        assertEquals("pt", f.metadata().get("format"));
      }
      try (QwenVLModel loaded = QwenVLModel.load(dir, m, DataType.FLOAT32)) {
        assertEquals(model.config(), loaded.config());
        assertEquals(model.parameters().keySet(), loaded.parameters().keySet());
        for (String name : model.parameters().keySet()) {
          assertEquals(0f, model.parameters().get(name).sub(loaded.parameters().get(name)).abs().max().getFloat(), name);
        }
        assertEquals(0f, textLogits(model, m).sub(textLogits(loaded, m)).abs().max().getFloat());
      }
    }
  }

  @Test
  void tiedModelsShareTheEmbeddingAndSaveNoHead() {
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(TestModels.tiny(true), 3, m)) {
      assertSame(model.parameters().get("model.embed_tokens.weight"), model.parameters().get("lm_head.weight"));
      model.save(dir);
      try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(Checkpoint.SINGLE_FILE))) {
        assertFalse(f.contains("lm_head.weight"));
      }
      try (QwenVLModel loaded = QwenVLModel.load(dir, m, DataType.FLOAT32)) {
        assertSame(loaded.parameters().get("model.embed_tokens.weight"), loaded.parameters().get("lm_head.weight"));
      }
    }
  }

  @Test
  void initIsDeterministicPerSeedAndFollowsHfInit() {
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel a = QwenVLModel.init(TestModels.tiny(false), 5, m);
        QwenVLModel b = QwenVLModel.init(TestModels.tiny(false), 5, m);
        QwenVLModel c = QwenVLModel.init(TestModels.tiny(false), 6, m)) {
      String w = "model.layers.0.self_attn.q_proj.weight";
      assertEquals(0f, a.parameters().get(w).sub(b.parameters().get(w)).abs().max().getFloat());
      assertTrue(a.parameters().get(w).sub(c.parameters().get(w)).abs().max().getFloat() > 0);
      float std = (float) Math.sqrt(a.parameters().get(w).square().mean().getFloat());
      assertEquals(0.02, std, 0.004);
      assertEquals(0f, a.parameters().get("model.layers.0.self_attn.q_proj.bias").abs().max().getFloat());
      assertEquals(1f, a.parameters().get("visual.merger.ln_q.weight").min().getFloat());
    }
  }

  @Test
  void halfPrecisionStaysCloseToFloat32AndBf16CheckpointsRoundTrip() throws Exception {
    Path golden = TestData.golden("qwen25vl-tiny-a");
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel f32 = QwenVLModel.load(golden, m, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(m);
      NDArray reference = f32.forward(in.ids(), in.mask(), in.visuals());
      NDArray real = in.mask().toType(DataType.FLOAT32, false).expandDims(2);
      float scale = reference.abs().max().getFloat();
      // A BF16 checkpoint (what the published models ship) loads, widened exactly, in float32 and float16.
      f32.save(dir, TensorDType.BF16);
      try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(Checkpoint.SINGLE_FILE))) {
        assertEquals(TensorDType.BF16, f.info("model.norm.weight").dtype());
      }
      assertTrue(Files.readString(dir.resolve("config.json")).contains("\"bfloat16\""));
      try (QwenVLModel widened = QwenVLModel.load(dir, m, DataType.FLOAT32);
          QwenVLModel half = QwenVLModel.load(dir, m, DataType.FLOAT16)) {
        for (String name : f32.parameters().keySet()) {
          float[] original = f32.parameters().get(name).toFloatArray();
          float[] loaded = widened.parameters().get(name).toFloatArray();
          for (int i = 0; i < original.length; i++) {
            assertEquals(Bf16.toFloat(Bf16.fromFloat(original[i])), loaded[i], name + "[" + i + "]");
          }
        }
        assertEquals(DataType.FLOAT16, half.parameters().get("visual.blocks.0.attn.qkv.weight").getDataType());
        NDArray wide = widened.forward(in.ids(), in.mask(), in.visuals());
        NDArray narrow = half.forward(in.ids(), in.mask(), in.visuals());
        assertEquals(DataType.FLOAT32, narrow.getDataType());
        float diff = wide.sub(narrow).abs().mul(real).max().getFloat();
        System.out.println("float16 vs float32 compute on the same weights: max |diff| " + diff + ", scale " + scale);
        assertTrue(diff > 0 && diff < 0.05 * scale, "float16 logits differ by " + diff + " (scale " + scale + ")");
      }
    }
  }

  @Test
  void bfloat16ComputeIsRefusedWithAReason() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> QwenVLModel.load(TestData.golden("qwen25vl-tiny-a"), m, DataType.BFLOAT16));
      assertTrue(e.getMessage().contains("FLOAT16"), e.getMessage());
    }
  }

  @Test
  void bf16CheckpointsLoadTheSameWhateverTheReadBlock(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel f32 = QwenVLModel.load(TestData.golden("qwen25vl-tiny-a"), m, DataType.FLOAT32)) {
      f32.save(dir, TensorDType.BF16);
      // BF16 reads of one value, of blocks ending inside rows, of whole tensors; destination views of one row at a
      // time (a fill size below a row), of a few rows, of whole tensors.
      for (CheckpointReader reader : List.of(new CheckpointReader(2, 1), new CheckpointReader(6, 100),
          new CheckpointReader(1 << 20, 1000), new CheckpointReader())) {
        try (QwenVLModel widened = QwenVLModel.load(dir, m, DataType.FLOAT32, reader)) {
          for (String name : f32.parameters().keySet()) {
            float[] original = f32.parameters().get(name).toFloatArray();
            float[] expected = new float[original.length];
            for (int i = 0; i < original.length; i++) {
              expected[i] = Bf16.toFloat(Bf16.fromFloat(original[i]));
            }
            assertArrayEquals(expected, widened.parameters().get(name).toFloatArray(), name);
          }
        }
      }
      Path f32Dir = dir.resolve("f32");
      f32.save(f32Dir, TensorDType.F32);
      try (QwenVLModel rows = QwenVLModel.load(f32Dir, m, DataType.FLOAT32, new CheckpointReader(2, 100))) {
        for (String name : f32.parameters().keySet()) {
          assertArrayEquals(f32.parameters().get(name).toFloatArray(), rows.parameters().get(name).toFloatArray(),
              name);
        }
      }
      assertThrows(IllegalArgumentException.class, () -> new CheckpointReader(3, 100));
    }
  }

  @Test
  void savedBytesDoNotDependOnTheViewSize(@TempDir Path dir) throws java.io.IOException {
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel f32 = QwenVLModel.load(TestData.golden("qwen25vl-tiny-a"), m, DataType.FLOAT32)) {
      NDArray embed = f32.parameters().get("model.embed_tokens.weight");
      NDArray bias = f32.parameters().get("model.layers.0.self_attn.q_proj.bias");
      for (TensorDType dtype : List.of(TensorDType.F32, TensorDType.F16, TensorDType.BF16)) {
        List<Path> files = new java.util.ArrayList<>();
        for (long view : new long[] {1, 100, HostViews.BLOCK_BYTES}) {
          Path file = dir.resolve(dtype + "-" + view + ".safetensors");
          dev.videop2r.model.io.SafetensorsWriter.write(file, List.of(
              new dev.videop2r.model.io.SafetensorsWriter.Entry("embed", dtype, embed.getShape().getShape(),
                  new ArrayBytes(embed, dtype, view)),
              new dev.videop2r.model.io.SafetensorsWriter.Entry("bias", dtype, bias.getShape().getShape(),
                  new ArrayBytes(bias, dtype, view))), java.util.Map.of());
          files.add(file);
        }
        for (Path file : files) {
          assertArrayEquals(Files.readAllBytes(files.getFirst()), Files.readAllBytes(file), file.toString());
        }
        try (SafetensorsFile f = SafetensorsFile.open(files.getFirst())) {
          float[] values = embed.toFloatArray();
          float[] stored = f.floats("embed");
          for (int i = 0; i < values.length; i++) {
            float expected = switch (dtype) {
              case BF16 -> Bf16.toFloat(Bf16.fromFloat(values[i]));
              case F16 -> Float.float16ToFloat(Float.floatToFloat16(values[i]));
              default -> values[i];
            };
            assertEquals(expected, stored[i], dtype + " embed[" + i + "]");
          }
        }
      }
    }
  }

  @Test
  void loadingLeavesNoMappingOfTheCheckpoint(@TempDir Path dir) throws java.io.IOException {
    Path maps = Path.of("/proc/self/maps");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(maps), "needs Linux's /proc/self/maps");
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel f32 = QwenVLModel.load(TestData.golden("qwen25vl-tiny-a"), m, DataType.FLOAT32)) {
      Path bf16 = dir.resolve("bf16");
      f32.save(bf16, TensorDType.BF16);
      Path plain = dir.resolve("f32");
      f32.save(plain, TensorDType.F32);
      try (QwenVLModel a = QwenVLModel.load(bf16, m, DataType.FLOAT32);
          QwenVLModel b = QwenVLModel.load(plain, m, DataType.FLOAT16)) {
        assertEquals(f32.parameters().keySet(), b.parameters().keySet());
        String mapped = Files.readString(maps);
        assertFalse(mapped.contains(dir.toString()), "checkpoint files still mapped:\n" + mapped.lines()
            .filter(l -> l.contains(dir.toString())).toList());
      }
    }
  }

  @Test
  void bf16WideningFillsFloat32SlotsExactly() {
    java.nio.ByteBuffer src = java.nio.ByteBuffer.allocate(6).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    src.putShort((short) 0x3f80).putShort((short) 0xc040).putShort((short) 0x7fc0).flip();
    java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
    dst.putInt(0x12345678);
    Bf16.widen(src, dst);
    assertEquals(0, src.remaining());
    assertEquals(16, dst.position());
    assertEquals(0x12345678, dst.getInt(0), "bytes before the position untouched");
    assertEquals(1.0f, dst.getFloat(4));
    assertEquals(-3.0f, dst.getFloat(8));
    assertTrue(Float.isNaN(dst.getFloat(12)));
    assertThrows(IllegalArgumentException.class,
        () -> Bf16.widen(java.nio.ByteBuffer.allocate(8), java.nio.ByteBuffer.allocate(12)));
  }

  @Test
  void bf16RoundingIsNearestEven() {
    assertEquals((short) 0x3f80, Bf16.fromFloat(1.0f));
    assertEquals((short) 0x3f80, Bf16.fromFloat(Float.intBitsToFloat(0x3f808000))); // tie -> even
    assertEquals((short) 0x3f82, Bf16.fromFloat(Float.intBitsToFloat(0x3f818000))); // tie -> even (up)
    assertEquals((short) 0x3f81, Bf16.fromFloat(Float.intBitsToFloat(0x3f808001)));
    assertEquals(1.5f, Bf16.toFloat(Bf16.fromFloat(1.5f)));
    assertTrue(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.NaN))));
  }

  @Test
  void missingTensorIsNamed() throws Exception {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(TestModels.tiny(false), 1, m)) {
      model.save(dir);
    }
    TestModels.tiny(true).write(dir.resolve("config.json"), "float32");
    Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json"))
        .replace("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 3"));
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> QwenVLModel.load(dir, m, DataType.FLOAT32));
      assertTrue(e.getMessage().contains("model.layers.2."), e.getMessage());
    }
  }
}
