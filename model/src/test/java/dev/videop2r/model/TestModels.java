package dev.videop2r.model;

import dev.videop2r.testkit.TestData;

/** Small configs for tests. */
public final class TestModels {

  private TestModels() {}

  /** The golden tiny-a config (published flat layout). */
  public static QwenConfig tinyA() {
    return QwenConfig.read(TestData.golden("qwen25vl-tiny-a").resolve("config.json"));
  }

  /** A tiny config in the flat layout with the given tie flag (vision hidden 16, 2 heads, windows of 2x2). */
  public static QwenConfig tiny(boolean tied) {
    return QwenConfig.parse("""
        {"vocab_size": 64, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
         "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
         "tie_word_embeddings": %s, "bos_token_id": 50, "eos_token_id": 52,
         "vision_start_token_id": 53, "vision_end_token_id": 54, "vision_token_id": 55,
         "image_token_id": 56, "video_token_id": 57,
         "rope_scaling": {"type": "mrope", "mrope_section": [1, 2, 1]},
         "vision_config": {"depth": 2, "hidden_size": 16, "num_heads": 2, "intermediate_size": 24,
           "in_chans": 3, "spatial_patch_size": 14, "temporal_patch_size": 2, "spatial_merge_size": 2,
           "window_size": 56, "fullatt_block_indexes": [1], "out_hidden_size": 32, "tokens_per_second": 2}}
        """.formatted(tied), "tiny");
  }
}
