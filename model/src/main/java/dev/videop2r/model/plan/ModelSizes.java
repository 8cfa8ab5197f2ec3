package dev.videop2r.model.plan;

import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.tokenizer.SpecialTokens;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Named model sizes of the real architecture for random-init runs and memory checks: {@code tiny} (quickstart-like,
 * 64 hidden), {@code mid} (512 hidden, 8 layers) and {@code half} (Qwen2.5-0.5B's decoder — 896 hidden, 24 layers,
 * 14 heads, 2 kv heads, vocabulary 151,936, tied embeddings — with 8 vision blocks of the published width: 684 M
 * parameters). The special-token ids come from the tokenizer the model is made for, so that the checkpoint and its
 * tokenizer.json agree; the vocabulary may be larger than the tokenizer's, as published checkpoints pad theirs.
 */
public final class ModelSizes {

  private record Shape(int vocab, int hidden, int inter, int layers, int heads, int kvHeads, int visionDepth,
                       int visionHidden, int visionHeads, int visionInter) {}

  private static final Map<String, Shape> SHAPES = Map.of(
      "tiny", new Shape(1024, 64, 172, 2, 4, 2, 2, 64, 4, 172),
      "mid", new Shape(8192, 512, 1376, 8, 8, 2, 4, 256, 4, 688),
      "half", new Shape(151936, 896, 4864, 24, 14, 2, 8, 1280, 16, 3420));

  /** The special tokens a config names, in the order of {@link #topOfVocabulary}'s ids. */
  private static final List<String> SPECIAL = List.of(SpecialTokens.ENDOFTEXT, SpecialTokens.IM_END,
      SpecialTokens.VISION_START, SpecialTokens.VISION_END, "<|vision_pad|>", SpecialTokens.IMAGE_PAD,
      SpecialTokens.VIDEO_PAD);

  private ModelSizes() {}

  /** Names accepted by {@link #config}. */
  public static SortedSet<String> names() {
    return new TreeSet<>(SHAPES.keySet());
  }

  /** The size's vocabulary (embedding rows). */
  public static int vocabSize(String size) {
    return shape(size).vocab();
  }

  /** Special-token ids at the top of {@code size}'s vocabulary, for runs that need no tokenizer. */
  public static ToIntFunction<String> topOfVocabulary(String size) {
    int vocab = vocabSize(size);
    return token -> vocab - SPECIAL.size() + SPECIAL.indexOf(token);
  }

  /**
   * The config of {@code size}, with the id of each special token ({@code <|endoftext|>}, {@code <|im_end|>}, the
   * vision tokens) from {@code tokenId}. Fails naming the size when an id lies outside its vocabulary.
   */
  public static QwenConfig config(String size, ToIntFunction<String> tokenId) {
    Shape s = shape(size);
    int[] ids = SPECIAL.stream().mapToInt(tokenId).toArray();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= s.vocab()) {
        throw new IllegalArgumentException("size '" + size + "' has a vocabulary of " + s.vocab() + " tokens; the"
            + " tokenizer's " + SPECIAL.get(i) + " is id " + ids[i]);
      }
    }
    int half = s.hidden() / s.heads() / 2;
    int t = half / 4;
    int h = (half - t) / 2;
    String json = String.format(Locale.ROOT, """
        {"vocab_size": %d, "hidden_size": %d, "intermediate_size": %d, "num_hidden_layers": %d,
         "num_attention_heads": %d, "num_key_value_heads": %d, "tie_word_embeddings": %s,
         "bos_token_id": %d, "eos_token_id": [%d, %d], "vision_start_token_id": %d, "vision_end_token_id": %d,
         "vision_token_id": %d, "image_token_id": %d, "video_token_id": %d,
         "rope_scaling": {"type": "default", "mrope_section": [%d, %d, %d]},
         "vision_config": {"depth": %d, "hidden_size": %d, "num_heads": %d, "intermediate_size": %d,
                           "fullatt_block_indexes": [%d], "out_hidden_size": %d}}""",
        s.vocab(), s.hidden(), s.inter(), s.layers(), s.heads(), s.kvHeads(), s.vocab() > 100_000, ids[0], ids[1],
        ids[0], ids[2], ids[3], ids[4], ids[5], ids[6], t, h, half - t - h, s.visionDepth(), s.visionHidden(),
        s.visionHeads(), s.visionInter(), s.visionDepth() - 1, s.hidden());
    return QwenConfig.parse(json, size);
  }

  private static Shape shape(String size) {
    Shape s = SHAPES.get(size.toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new IllegalArgumentException("unknown size '" + size + "' (known: " + names() + ")");
    }
    return s;
  }
}
