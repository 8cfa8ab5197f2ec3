package dev.videop2r.model.plan;

import dev.videop2r.model.QwenConfig;
import java.util.Locale;
import java.util.Map;

/**
 * The published Qwen2.5-VL configs (spec section 0.1), so that a run can be planned before a checkpoint is on disk.
 * The JSON is the sparse published layout; {@link QwenConfig#parse} fills the vision tower's effective values.
 */
public final class PublishedConfigs {

  private static final Map<String, String> JSON = Map.of(
      "qwen2.5-vl-3b", """
          {"vocab_size": 151936, "hidden_size": 2048, "intermediate_size": 11008, "num_hidden_layers": 36,
           "num_attention_heads": 16, "num_key_value_heads": 2, "tie_word_embeddings": true,
           "rope_scaling": {"type": "default", "mrope_section": [16, 24, 24]}, "eos_token_id": 151645,
           "vision_config": {"hidden_size": 1280, "in_chans": 3, "out_hidden_size": 2048,
                             "spatial_patch_size": 14, "tokens_per_second": 2}}""",
      "qwen2.5-vl-7b", """
          {"vocab_size": 152064, "hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28,
           "num_attention_heads": 28, "num_key_value_heads": 4, "tie_word_embeddings": false,
           "rope_scaling": {"type": "default", "mrope_section": [16, 24, 24]}, "eos_token_id": 151645,
           "vision_config": {"hidden_size": 1280, "in_chans": 3, "spatial_patch_size": 14,
                             "tokens_per_second": 2}}""");

  private PublishedConfigs() {}

  /** Names accepted by {@link #get}. */
  public static java.util.SortedSet<String> names() {
    return new java.util.TreeSet<>(JSON.keySet());
  }

  /** The config of a published model by name (case-insensitive, e.g. {@code qwen2.5-vl-7b}). */
  public static QwenConfig get(String name) {
    String json = JSON.get(name.toLowerCase(Locale.ROOT));
    if (json == null) {
      throw new IllegalArgumentException("unknown published model '" + name + "' (known: " + names() + ")");
    }
    return QwenConfig.parse(json, name);
  }
}
