package dev.videop2r.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.io.KeyLayout;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.io.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftFormatTest {

  /** Two layers, hidden 16, 4 heads, 2 kv heads (q 16x16, k/v 8x16), MLP 24. */
  static final QwenConfig CONFIG = QwenConfig.parse("""
      {"vocab_size": 64, "hidden_size": 16, "intermediate_size": 24, "num_hidden_layers": 2,
       "num_attention_heads": 4, "num_key_value_heads": 2, "bos_token_id": 0, "vision_start_token_id": 59,
       "vision_end_token_id": 60, "vision_token_id": 61, "image_token_id": 62, "video_token_id": 63,
       "rope_scaling": {"type": "default", "mrope_section": [0, 1, 1]},
       "vision_config": {"depth": 1, "hidden_size": 16, "num_heads": 1, "intermediate_size": 8,
                         "fullatt_block_indexes": [0], "out_hidden_size": 16}}""", "test");

  @Test
  void aHandWrittenPeftAdapterMergesToWPlusScaledBA(@TempDir Path dir) throws Exception {
    // An adapter as PEFT writes it, on layer 1's k_proj only: r = 2, alpha = 6 -> scaling 3.
    int r = 2;
    float[] a = new float[r * 16];
    float[] b = new float[8 * r];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i % 5 - 2) * 0.25f;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (i % 3 - 1) * 0.5f;
    }
    String prefix = "base_model.model.model.layers.1.self_attn.k_proj.";
    SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), List.of(
        SafetensorsWriter.Entry.ofFloats(prefix + "lora_A.weight", new long[] {r, 16}, a),
        SafetensorsWriter.Entry.ofFloats(prefix + "lora_B.weight", new long[] {8, r}, b)), Map.of());
    Files.writeString(dir.resolve("adapter_config.json"), """
        {"peft_type": "LORA", "r": 2, "lora_alpha": 6, "lora_dropout": 0.0, "target_modules": ["k_proj"]}""");
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(CONFIG, 3, m);
        LoraAdapters adapters = PeftFormat.load(dir, CONFIG, m)) {
      assertEquals(3.0, adapters.spec().scaling());
      String k = "model.layers.1.self_attn.k_proj.weight";
      float[] w = model.parameters().get(k).toFloatArray();
      Map<String, NDArray> merged = adapters.merge(model.parameters(), m);
      assertArrayEquals(w, model.parameters().get(k).toFloatArray(), "merging must leave the base weights as they are");
      float[] expected = new float[8 * 16];
      for (int o = 0; o < 8; o++) {
        for (int i = 0; i < 16; i++) {
          double ba = 0;
          for (int j = 0; j < r; j++) {
            ba += b[o * r + j] * a[j * 16 + i];
          }
          expected[o * 16 + i] = (float) (w[o * 16 + i] + 3.0 * ba);
        }
      }
      assertArrayEquals(expected, merged.get(k).toFloatArray(), 1e-6f);
      // Everything else is the base weight itself.
      String q = "model.layers.1.self_attn.q_proj.weight";
      assertTrue(merged.get(q) == model.parameters().get(q));
    }
  }

  @Test
  void saveThenLoadGivesTheSameAdapters(@TempDir Path dir) throws Exception {
    LoraSpec spec = new LoraSpec(4, 8, 0.05, Set.of("q_proj", "v_proj", "down_proj"));
    try (NDManager m = NDManager.newBaseManager(); LoraAdapters saved = LoraAdapters.init(CONFIG, spec, 9, m)) {
      saved.parameters().values().forEach(p -> p.addi(0.125f)); // B is zero after init: make it non-trivial
      PeftFormat.save(saved, dir, "base-model");
      String config = Files.readString(dir.resolve("adapter_config.json"));
      assertTrue(config.contains("\"peft_type\" : \"LORA\"") && config.contains("\"r\" : 4"), config);
      try (LoraAdapters loaded = PeftFormat.load(dir, CONFIG, m)) {
        assertEquals(spec, loaded.spec());
        assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
        for (String name : saved.parameters().keySet()) {
          assertArrayEquals(saved.parameters().get(name).toFloatArray(),
              loaded.parameters().get(name).toFloatArray(), name);
        }
      }
    }
  }

  /**
   * PEFT names keys after the modules it wraps: on transformers ≥ 4.52 the decoder is model.language_model, so
   * its adapters read base_model.model.model.language_model.layers.N; written in either layout, an adapter loads.
   */
  @Test
  void bothKeyLayoutsAreWrittenAsAskedAndLoadAlike(@TempDir Path dir) throws Exception {
    LoraSpec spec = new LoraSpec(2, 4, 0, Set.of("q_proj", "down_proj"));
    try (NDManager m = NDManager.newBaseManager(); LoraAdapters saved = LoraAdapters.init(CONFIG, spec, 4, m)) {
      saved.parameters().values().forEach(p -> p.addi(0.5f));
      for (KeyLayout layout : KeyLayout.values()) {
        Path out = dir.resolve(layout.name());
        PeftFormat.save(saved, out, "base-model", layout);
        String decoder = layout == KeyLayout.PUBLISHED ? "base_model.model.model.layers."
            : "base_model.model.model.language_model.layers.";
        try (SafetensorsFile file = SafetensorsFile.open(out.resolve(PeftFormat.WEIGHTS_FILE))) {
          assertEquals(8, file.tensors().size());
          assertTrue(file.tensors().keySet().stream().allMatch(k -> k.startsWith(decoder)),
              file.tensors().keySet().toString());
        }
        try (LoraAdapters loaded = PeftFormat.load(out, CONFIG, m)) {
          assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
          for (String name : saved.parameters().keySet()) {
            assertArrayEquals(saved.parameters().get(name).toFloatArray(),
                loaded.parameters().get(name).toFloatArray(), name);
          }
        }
      }
    }
  }

  @Test
  void initStartsAtTheBaseModel() {
    try (NDManager m = NDManager.newBaseManager();
        LoraAdapters adapters = LoraAdapters.init(CONFIG, new LoraSpec(2, 4, 0, Set.of("o_proj")), 1, m)) {
      NDArray b = adapters.parameters().get("model.layers.0.self_attn.o_proj.lora_B.weight");
      assertEquals(0f, b.abs().sum().getFloat());
      NDArray a = adapters.parameters().get("model.layers.0.self_attn.o_proj.lora_A.weight");
      assertTrue(a.abs().max().getFloat() <= 1 / Math.sqrt(16) && a.abs().sum().getFloat() > 0);
    }
  }

  @Test
  void targetPatternMatchesDecoderLayersInBothLayoutsAndNeverTheVisionTower() {
    Pattern p = Pattern.compile(PeftFormat.targetPattern(Set.of("q_proj", "gate_proj")));
    assertTrue(p.matcher("model.layers.3.self_attn.q_proj").matches());
    assertTrue(p.matcher("model.language_model.layers.3.mlp.gate_proj").matches());
    assertTrue(p.matcher("base_model.model.model.layers.0.mlp.gate_proj").matches());
    assertFalse(p.matcher("visual.blocks.3.mlp.gate_proj").matches());
    assertFalse(p.matcher("model.visual.blocks.3.mlp.gate_proj").matches());
    assertFalse(p.matcher("model.layers.3.self_attn.k_proj").matches());
  }

  @Test
  void newLayoutKeysLoad(@TempDir Path dir) throws Exception {
    String prefix = "base_model.model.model.language_model.layers.0.mlp.up_proj.";
    writeAdapter(dir, prefix, new long[] {1, 16}, new long[] {24, 1}, "up_proj");
    // transformers >= 4.52 names the decoder model.language_model; the adapter covers layer 0 only.
    try (NDManager m = NDManager.newBaseManager(); LoraAdapters adapters = PeftFormat.load(dir, CONFIG, m)) {
      assertEquals(Set.of("model.layers.0.mlp.up_proj.lora_A.weight", "model.layers.0.mlp.up_proj.lora_B.weight"),
          adapters.parameters().keySet());
    }
  }

  @Test
  void anAWithoutItsBIsRefused(@TempDir Path dir) throws Exception {
    SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), List.of(SafetensorsWriter.Entry.ofFloats(
        "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight", new long[] {1, 16}, new float[16])),
        Map.of());
    Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 1, \"lora_alpha\": 2}");
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PeftFormat.load(dir, CONFIG, m));
      assertTrue(e.getMessage().contains("v_proj.lora_B.weight"), e.getMessage());
    }
  }

  @Test
  void errorsNameTheFileAndTheTensor(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PeftFormat.load(dir, CONFIG, m));
      assertTrue(e.getMessage().contains("adapter_config.json"), e.getMessage());

      writeAdapter(dir, "base_model.model.visual.blocks.0.mlp.gate_proj.", new long[] {1, 16}, new long[] {8, 1},
          "gate_proj");
      e = assertThrows(IllegalArgumentException.class, () -> PeftFormat.load(dir, CONFIG, m));
      assertTrue(e.getMessage().contains("visual.blocks.0.mlp.gate_proj") && e.getMessage().contains("decoder"),
          e.getMessage());

      writeAdapter(dir, "base_model.model.model.layers.0.self_attn.q_proj.", new long[] {1, 12}, new long[] {16, 1},
          "q_proj");
      e = assertThrows(IllegalArgumentException.class, () -> PeftFormat.load(dir, CONFIG, m));
      assertTrue(e.getMessage().contains("adapter_model.safetensors") && e.getMessage().contains("q_proj.lora_A")
          && e.getMessage().contains("[1, 16]"), e.getMessage());
    }
  }

  private static void writeAdapter(Path dir, String prefix, long[] aShape, long[] bShape, String module)
      throws Exception {
    SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), List.of(
        SafetensorsWriter.Entry.ofFloats(prefix + "lora_A.weight", aShape, new float[(int) (aShape[0] * aShape[1])]),
        SafetensorsWriter.Entry.ofFloats(prefix + "lora_B.weight", bShape, new float[(int) (bShape[0] * bShape[1])])),
        Map.of());
    Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 1, \"lora_alpha\": 2, "
        + "\"target_modules\": [\"" + module + "\"]}");
  }
}
