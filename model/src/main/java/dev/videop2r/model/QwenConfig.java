package dev.videop2r.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.io.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Qwen2.5-VL hyper-parameters as read from a published {@code config.json} (spec section 0). Both layouts are
 * accepted: text keys at top level (transformers 4.49) or nested under {@code text_config} (4.52+), rope under
 * {@code rope_scaling} or {@code rope_parameters}. Sparse vision configs get the effective values of the
 * published models, not the HF class defaults (which would be wrong, e.g. tokens_per_second 4).
 *
 * @param headDim hidden_size / num_attention_heads unless the file sets head_dim
 * @param eosTokenIds config eos id(s); generation_config.json may add more
 * @param mropeSection frequency split of M-RoPE between the T, H and W position streams (sums to headDim/2)
 * @param secondPerGrid how get_rope_index turns second_per_grid_t into a temporal step (not a config.json key)
 */
public record QwenConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    int[] mropeSection,
    boolean tieWordEmbeddings,
    int maxPositionEmbeddings,
    double initializerRange,
    int bosTokenId,
    int[] eosTokenIds,
    int visionStartTokenId,
    int visionEndTokenId,
    int visionTokenId,
    int imageTokenId,
    int videoTokenId,
    Vision vision,
    SecondPerGridConvention secondPerGrid) {

  /** How second_per_grid_t enters the temporal M-RoPE position of a video patch (spec section 9). */
  public enum SecondPerGridConvention {
    /** transformers 4.5x: cast to int64 before multiplying by tokens_per_second (1.5 s -> step 2). Default. */
    TRUNCATE,
    /** transformers 4.49: multiply the float, then truncate the product (1.5 s -> step 3). */
    MULTIPLY_FLOAT
  }

  /** The vision tower's hyper-parameters ({@code vision_config}). */
  public record Vision(
      int depth,
      int hiddenSize,
      int numHeads,
      int intermediateSize,
      int inChannels,
      int patchSize,
      int temporalPatchSize,
      int spatialMergeSize,
      int windowSize,
      int[] fullattBlockIndexes,
      int outHiddenSize,
      double tokensPerSecond) {

    public Vision {
      positive("vision depth", depth);
      positive("vision hidden_size", hiddenSize);
      positive("vision num_heads", numHeads);
      positive("vision intermediate_size", intermediateSize);
      positive("vision in_channels", inChannels);
      positive("vision patch_size", patchSize);
      positive("vision temporal_patch_size", temporalPatchSize);
      positive("vision spatial_merge_size", spatialMergeSize);
      positive("vision out_hidden_size", outHiddenSize);
      positive("vision tokens_per_second", tokensPerSecond);
      require(hiddenSize % numHeads == 0, "vision hidden_size " + hiddenSize + " not divisible by num_heads " + numHeads);
      require((hiddenSize / numHeads) % 4 == 0, "vision head_dim " + hiddenSize / numHeads + " must be divisible by 4");
      require(windowSize % (spatialMergeSize * patchSize) == 0 && windowSize >= spatialMergeSize * patchSize,
          "vision window_size " + windowSize + " must be a positive multiple of spatial_merge_size*patch_size");
      for (int i : fullattBlockIndexes) {
        require(i >= 0 && i < depth, "fullatt_block_indexes entry " + i + " outside depth " + depth);
      }
    }

    public int headDim() {
      return hiddenSize / numHeads;
    }

    /** Values per pixel row: channels * temporal * patch * patch (1176 for the published models). */
    public int patchDim() {
      return inChannels * temporalPatchSize * patchSize * patchSize;
    }

    /** Window side in merged tokens (4 for the published models). */
    public int mergerWindowSize() {
      return windowSize / spatialMergeSize / patchSize;
    }

    public boolean isFullAttention(int block) {
      return Arrays.stream(fullattBlockIndexes).anyMatch(i -> i == block);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Vision v && depth == v.depth && hiddenSize == v.hiddenSize && numHeads == v.numHeads
          && intermediateSize == v.intermediateSize && inChannels == v.inChannels && patchSize == v.patchSize
          && temporalPatchSize == v.temporalPatchSize && spatialMergeSize == v.spatialMergeSize
          && windowSize == v.windowSize && Arrays.equals(fullattBlockIndexes, v.fullattBlockIndexes)
          && outHiddenSize == v.outHiddenSize && tokensPerSecond == v.tokensPerSecond;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(fullattBlockIndexes) * 31 + depth * 17 + hiddenSize;
    }
  }

  public QwenConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("intermediate_size", intermediateSize);
    positive("num_hidden_layers", numHiddenLayers);
    positive("num_attention_heads", numAttentionHeads);
    positive("num_key_value_heads", numKeyValueHeads);
    positive("head_dim", headDim);
    positive("rms_norm_eps", rmsNormEps);
    positive("rope_theta", ropeTheta);
    require(numAttentionHeads % numKeyValueHeads == 0,
        "num_attention_heads " + numAttentionHeads + " not divisible by num_key_value_heads " + numKeyValueHeads);
    require(headDim % 2 == 0, "head_dim " + headDim + " must be even");
    require(Arrays.stream(mropeSection).sum() * 2 == headDim,
        "mrope_section " + Arrays.toString(mropeSection) + " must sum to head_dim/2 = " + headDim / 2);
    require(mropeSection.length == 3, "mrope_section needs 3 entries (T, H, W)");
    require(vision.outHiddenSize() == hiddenSize,
        "vision out_hidden_size " + vision.outHiddenSize() + " != text hidden_size " + hiddenSize);
    for (int id : new int[] {visionStartTokenId, imageTokenId, videoTokenId}) {
      require(id >= 0 && id < vocabSize, "special token id " + id + " outside vocab_size " + vocabSize);
    }
  }

  /** Query heads per key/value head. */
  public int kvGroups() {
    return numAttentionHeads / numKeyValueHeads;
  }

  public QwenConfig withSecondPerGrid(SecondPerGridConvention convention) {
    return new QwenConfig(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
        numKeyValueHeads, headDim, rmsNormEps, ropeTheta, mropeSection, tieWordEmbeddings, maxPositionEmbeddings,
        initializerRange, bosTokenId, eosTokenIds, visionStartTokenId, visionEndTokenId, visionTokenId,
        imageTokenId, videoTokenId, vision, convention);
  }

  /** Reads {@code config.json}; errors name the file and the key. */
  public static QwenConfig read(Path file) {
    try {
      return parse(ModelJson.MAPPER.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model config " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses config JSON text ({@code source} names it in errors). */
  public static QwenConfig parse(String json, String source) {
    try {
      return parse(ModelJson.MAPPER.readTree(json), source);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static QwenConfig parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": config must be a JSON object");
    }
    try {
      Keys text = new Keys(root, root.path("text_config"), "");
      JsonNode rope = firstObject(text.node("rope_scaling"), text.node("rope_parameters"));
      int hidden = text.positive("hidden_size", null);
      int heads = text.positive("num_attention_heads", null);
      int[] section = rope == null || !rope.has("mrope_section") ? null : ints(rope.get("mrope_section"));
      if (section == null) {
        throw new IllegalArgumentException("missing rope_scaling.mrope_section");
      }
      String ropeType = rope.path("rope_type").asText(rope.path("type").asText("default"));
      if (!ropeType.equals("default") && !ropeType.equals("mrope")) {
        throw new IllegalArgumentException("unsupported rope type '" + ropeType + "' (only default/mrope)");
      }
      double theta = rope.has("rope_theta") ? new Keys(rope, null, "rope_scaling.").decimal("rope_theta", 1e6)
          : text.decimal("rope_theta", 1e6);
      Keys v = new Keys(root.path("vision_config"), null, "vision_config.");
      Vision vision = new Vision(
          v.integer("depth", 32),
          v.positive("hidden_size", 1280),
          v.positive("num_heads", 16),
          v.integer("intermediate_size", 3420),
          v.integer("in_channels", v.integer("in_chans", 3)),
          v.positive("patch_size", v.integer("spatial_patch_size", 14)),
          v.positive("temporal_patch_size", 2),
          v.positive("spatial_merge_size", 2),
          v.integer("window_size", 112),
          v.has("fullatt_block_indexes") ? ints(v.node("fullatt_block_indexes")) : new int[] {7, 15, 23, 31},
          v.integer("out_hidden_size", hidden),
          v.decimal("tokens_per_second", 2));
      JsonNode eos = text.node("eos_token_id");
      int[] eosIds = eos == null ? new int[0] : eos.isArray() ? ints(eos) : new int[] {text.integer("eos_token_id", 0)};
      return new QwenConfig(
          text.integer("vocab_size", null),
          hidden,
          text.integer("intermediate_size", null),
          text.integer("num_hidden_layers", null),
          heads,
          text.positive("num_key_value_heads", heads),
          text.integer("head_dim", hidden / heads),
          text.decimal("rms_norm_eps", 1e-6),
          theta,
          section,
          root.has("tie_word_embeddings") ? root.get("tie_word_embeddings").asBoolean()
              : text.bool("tie_word_embeddings", false),
          text.integer("max_position_embeddings", 128000),
          text.decimal("initializer_range", 0.02),
          text.integer("bos_token_id", 151643),
          eosIds,
          text.integer("vision_start_token_id", 151652),
          text.integer("vision_end_token_id", 151653),
          text.integer("vision_token_id", 151654),
          text.integer("image_token_id", 151655),
          text.integer("video_token_id", 151656),
          vision,
          SecondPerGridConvention.TRUNCATE);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** Writes the published (transformers 4.49) layout, which transformers 4.49+ and vLLM load. */
  public void write(Path file, String torchDtype) {
    ObjectNode root = ModelJson.MAPPER.createObjectNode();
    root.putArray("architectures").add("Qwen2_5_VLForConditionalGeneration");
    root.put("model_type", "qwen2_5_vl");
    root.put("attention_dropout", 0.0);
    root.put("bos_token_id", bosTokenId);
    if (eosTokenIds.length == 1) {
      root.put("eos_token_id", eosTokenIds[0]);
    } else if (eosTokenIds.length > 1) {
      ArrayNode eos = root.putArray("eos_token_id");
      Arrays.stream(eosTokenIds).forEach(eos::add);
    }
    root.put("vision_start_token_id", visionStartTokenId);
    root.put("vision_end_token_id", visionEndTokenId);
    root.put("vision_token_id", visionTokenId);
    root.put("image_token_id", imageTokenId);
    root.put("video_token_id", videoTokenId);
    root.put("hidden_act", "silu");
    root.put("hidden_size", hiddenSize);
    root.put("initializer_range", initializerRange);
    root.put("intermediate_size", intermediateSize);
    root.put("max_position_embeddings", maxPositionEmbeddings);
    root.put("max_window_layers", numHiddenLayers);
    root.put("num_attention_heads", numAttentionHeads);
    root.put("num_hidden_layers", numHiddenLayers);
    root.put("num_key_value_heads", numKeyValueHeads);
    if (headDim != hiddenSize / numAttentionHeads) {
      root.put("head_dim", headDim);
    }
    root.put("rms_norm_eps", rmsNormEps);
    root.put("rope_theta", ropeTheta);
    ObjectNode rope = root.putObject("rope_scaling");
    rope.put("type", "default");
    rope.put("rope_type", "default");
    ArrayNode section = rope.putArray("mrope_section");
    Arrays.stream(mropeSection).forEach(section::add);
    root.put("sliding_window", 32768);
    root.put("tie_word_embeddings", tieWordEmbeddings);
    root.put("torch_dtype", torchDtype);
    root.put("use_cache", true);
    root.put("use_sliding_window", false);
    root.put("vocab_size", vocabSize);
    ObjectNode v = root.putObject("vision_config");
    v.put("model_type", "qwen2_5_vl");
    v.put("depth", vision.depth());
    v.put("hidden_act", "silu");
    v.put("hidden_size", vision.hiddenSize());
    v.put("num_heads", vision.numHeads());
    v.put("intermediate_size", vision.intermediateSize());
    v.put("in_channels", vision.inChannels());
    v.put("in_chans", vision.inChannels());
    v.put("patch_size", vision.patchSize());
    v.put("spatial_patch_size", vision.patchSize());
    v.put("temporal_patch_size", vision.temporalPatchSize());
    v.put("spatial_merge_size", vision.spatialMergeSize());
    v.put("window_size", vision.windowSize());
    ArrayNode full = v.putArray("fullatt_block_indexes");
    Arrays.stream(vision.fullattBlockIndexes()).forEach(full::add);
    v.put("out_hidden_size", vision.outHiddenSize());
    if (vision.tokensPerSecond() == Math.rint(vision.tokensPerSecond())) {
      v.put("tokens_per_second", (long) vision.tokensPerSecond());
    } else {
      v.put("tokens_per_second", vision.tokensPerSecond());
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      ModelJson.PRETTY.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model config " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QwenConfig c && vocabSize == c.vocabSize && hiddenSize == c.hiddenSize
        && intermediateSize == c.intermediateSize && numHiddenLayers == c.numHiddenLayers
        && numAttentionHeads == c.numAttentionHeads && numKeyValueHeads == c.numKeyValueHeads
        && headDim == c.headDim && rmsNormEps == c.rmsNormEps && ropeTheta == c.ropeTheta
        && Arrays.equals(mropeSection, c.mropeSection) && tieWordEmbeddings == c.tieWordEmbeddings
        && maxPositionEmbeddings == c.maxPositionEmbeddings && initializerRange == c.initializerRange
        && bosTokenId == c.bosTokenId && Arrays.equals(eosTokenIds, c.eosTokenIds)
        && visionStartTokenId == c.visionStartTokenId && visionEndTokenId == c.visionEndTokenId
        && visionTokenId == c.visionTokenId && imageTokenId == c.imageTokenId && videoTokenId == c.videoTokenId
        && vision.equals(c.vision) && secondPerGrid == c.secondPerGrid;
  }

  @Override
  public int hashCode() {
    return ((vocabSize * 31 + hiddenSize) * 31 + numHiddenLayers) * 31 + vision.hashCode();
  }

  private static JsonNode firstObject(JsonNode a, JsonNode b) {
    if (a != null && a.isObject()) {
      return a;
    }
    return b != null && b.isObject() ? b : null;
  }

  private static int[] ints(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected a list of integers, got " + array);
    }
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      if (!isInt(array.get(i))) {
        throw new IllegalArgumentException("expected a list of integers, got " + array);
      }
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  /** A whole number in int range: 3 or 3.0, not 2.5, "3", true or 2^40 (asInt would bend each of those). */
  private static boolean isInt(JsonNode n) {
    return n.isNumber() && n.canConvertToInt() && n.asDouble() == Math.rint(n.asDouble());
  }

  private static void positive(String key, double value) {
    require(value > 0 && Double.isFinite(value),
        key + " must be positive, got " + (value == (long) value ? String.valueOf((long) value) : String.valueOf(value)));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Key lookup preferring a nested object ({@code text_config}) over the top level; {@code prefix} qualifies the
   * key in messages ({@code vision_config.}).
   */
  private record Keys(JsonNode primary, JsonNode nested, String prefix) {

    JsonNode node(String key) {
      if (nested != null && nested.isObject() && nested.has(key) && !nested.get(key).isNull()) {
        return nested.get(key);
      }
      return primary.has(key) && !primary.get(key).isNull() ? primary.get(key) : null;
    }

    boolean has(String key) {
      return node(key) != null;
    }

    int integer(String key, Integer fallback) {
      JsonNode n = node(key);
      if (n == null) {
        if (fallback == null) {
          throw new IllegalArgumentException("missing required key '" + prefix + key + "'");
        }
        return fallback;
      }
      if (!isInt(n)) {
        throw new IllegalArgumentException("key '" + prefix + key + "' must be an integer, got " + n);
      }
      return n.asInt();
    }

    double decimal(String key, double fallback) {
      JsonNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (!n.isNumber()) {
        throw new IllegalArgumentException("key '" + prefix + key + "' must be a number, got " + n);
      }
      return n.asDouble();
    }

    /** A count or size that divides others: zero or less is named here instead of failing as a division. */
    int positive(String key, Integer fallback) {
      int value = integer(key, fallback);
      if (value <= 0) {
        throw new IllegalArgumentException("key '" + prefix + key + "' must be a positive integer, got " + value);
      }
      return value;
    }

    boolean bool(String key, boolean fallback) {
      JsonNode n = node(key);
      return n == null ? fallback : n.asBoolean();
    }
  }
}
