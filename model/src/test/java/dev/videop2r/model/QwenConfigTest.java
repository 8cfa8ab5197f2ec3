package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QwenConfigTest {

  /** The published 7B config.json keys (sparse vision_config without out_hidden_size). */
  private static final String PUBLISHED_7B = """
      {"architectures": ["Qwen2_5_VLForConditionalGeneration"], "attention_dropout": 0.0,
       "bos_token_id": 151643, "eos_token_id": 151645, "vision_start_token_id": 151652,
       "vision_end_token_id": 151653, "vision_token_id": 151654, "image_token_id": 151655,
       "video_token_id": 151656, "hidden_act": "silu", "hidden_size": 3584, "initializer_range": 0.02,
       "intermediate_size": 18944, "max_position_embeddings": 128000, "max_window_layers": 28,
       "model_type": "qwen2_5_vl", "num_attention_heads": 28, "num_hidden_layers": 28, "num_key_value_heads": 4,
       "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768, "tie_word_embeddings": false,
       "torch_dtype": "bfloat16", "transformers_version": "4.41.2", "use_cache": true, "use_sliding_window": false,
       "vision_config": {"depth": 32, "hidden_act": "silu", "hidden_size": 1280, "intermediate_size": 3420,
         "num_heads": 16, "in_chans": 3, "out_hidden_size": 3584, "patch_size": 14, "spatial_merge_size": 2,
         "spatial_patch_size": 14, "window_size": 112, "fullatt_block_indexes": [7, 15, 23, 31],
         "tokens_per_second": 2, "temporal_patch_size": 2},
       "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]}, "vocab_size": 152064}
      """;

  @Test
  void readsTheGoldenFlatLayout() {
    QwenConfig c = TestModels.tinyA();
    assertEquals(64, c.hiddenSize());
    assertEquals(16, c.headDim());
    assertEquals(2, c.kvGroups());
    assertEquals(1e-6, c.rmsNormEps());
    assertArrayEquals(new int[] {2, 3, 3}, c.mropeSection());
    assertEquals(48, c.vision().hiddenSize());
    assertEquals(2, c.vision().mergerWindowSize());
    assertTrue(c.vision().isFullAttention(3));
    assertFalse(c.vision().isFullAttention(2));
    assertEquals(506, c.imageTokenId());
    assertArrayEquals(new int[] {502}, c.eosTokenIds());
  }

  @Test
  void sparseVisionConfigGetsThePublishedEffectiveValues() {
    QwenConfig c = QwenConfig.parse("""
        {"hidden_size": 2048, "num_attention_heads": 16, "num_key_value_heads": 2, "num_hidden_layers": 36,
         "intermediate_size": 11008, "vocab_size": 151936, "tie_word_embeddings": true,
         "rope_scaling": {"type": "default", "rope_type": "default", "mrope_section": [16, 24, 24]},
         "vision_config": {"hidden_size": 1280, "in_chans": 3, "model_type": "qwen2_5_vl",
           "spatial_patch_size": 14, "tokens_per_second": 2}}
        """, "3B");
    QwenConfig.Vision v = c.vision();
    assertEquals(32, v.depth());
    assertEquals(16, v.numHeads());
    assertEquals(3420, v.intermediateSize());
    assertEquals(112, v.windowSize());
    assertArrayEquals(new int[] {7, 15, 23, 31}, v.fullattBlockIndexes());
    assertEquals(2048, v.outHiddenSize(), "out_hidden_size falls back to the text hidden size");
    assertEquals(2.0, v.tokensPerSecond());
    assertEquals(1176, v.patchDim());
    assertEquals(1e-6, c.rmsNormEps(), "missing eps means the published 1e-6, not HF's class default 1e-5");
    assertTrue(c.tieWordEmbeddings());
  }

  @Test
  void published7bParses() {
    QwenConfig c = QwenConfig.parse(PUBLISHED_7B, "7B");
    assertEquals(128, c.headDim());
    assertEquals(7, c.kvGroups());
    assertEquals(152064, c.vocabSize());
    assertEquals(3584, c.vision().outHiddenSize());
  }

  @Test
  void nestedLayoutPrefersTextConfigAndReadsRopeParameters() {
    QwenConfig c = QwenConfig.parse("""
        {"model_type": "qwen2_5_vl", "dtype": "bfloat16", "hidden_size": 999, "tie_word_embeddings": false,
         "image_token_id": 151655, "video_token_id": 151656, "vision_start_token_id": 151652,
         "text_config": {"hidden_size": 3584, "num_attention_heads": 28, "num_key_value_heads": 4,
           "num_hidden_layers": 28, "intermediate_size": 18944, "vocab_size": 152064, "rms_norm_eps": 1e-6,
           "rope_parameters": {"rope_type": "default", "rope_theta": 500000.0, "mrope_section": [16, 24, 24]}},
         "vision_config": {"depth": 32, "hidden_size": 1280, "num_heads": 16, "in_channels": 3, "patch_size": 14,
           "out_hidden_size": 3584, "tokens_per_second": 2}}
        """, "nested");
    assertEquals(3584, c.hiddenSize());
    assertEquals(500000.0, c.ropeTheta());
    assertEquals(28, c.numHiddenLayers());
  }

  @Test
  void errorsNameTheSourceAndKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QwenConfig.parse("{\"hidden_size\": 64, \"rope_scaling\": {\"mrope_section\": [2,3,3]}}", "cfg.json"));
    assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains("num_attention_heads"), e.getMessage());
    IllegalArgumentException section = assertThrows(IllegalArgumentException.class,
        () -> QwenConfig.parse(PUBLISHED_7B.replace("[16, 24, 24]", "[16, 24, 20]"), "7B"));
    assertTrue(section.getMessage().contains("mrope_section"), section.getMessage());
  }

  @Test
  void zeroHeadsAreNamedNotADivisionByZero() {
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> QwenConfig.parse(PUBLISHED_7B.replace("\"num_attention_heads\": 28", "\"num_attention_heads\": 0"), "7B"));
    assertEquals("7B: key 'num_attention_heads' must be a positive integer, got 0", text.getMessage());
    IllegalArgumentException kv = assertThrows(IllegalArgumentException.class,
        () -> QwenConfig.parse(PUBLISHED_7B.replace("\"num_key_value_heads\": 4", "\"num_key_value_heads\": 0"), "7B"));
    assertEquals("7B: key 'num_key_value_heads' must be a positive integer, got 0", kv.getMessage());
    IllegalArgumentException vision = assertThrows(IllegalArgumentException.class,
        () -> QwenConfig.parse(PUBLISHED_7B.replace("\"num_heads\": 16", "\"num_heads\": 0"), "7B"));
    assertEquals("7B: key 'vision_config.num_heads' must be a positive integer, got 0", vision.getMessage());
  }

  @Test
  void writeThenReadRoundTrips(@TempDir Path dir) {
    QwenConfig c = QwenConfig.parse(PUBLISHED_7B, "7B");
    c.write(dir.resolve("config.json"), "bfloat16");
    assertEquals(c, QwenConfig.read(dir.resolve("config.json")));
  }
}
