package dev.videop2r.model;

import dev.videop2r.model.tokenizer.TextTokenizer;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A small Qwen2.5-VL: the real architecture (vision tower with window and full attention, patch merger, M-RoPE
 * decoder) at a size two CPU cores train in minutes — the quickstart's model, and the tests' and benches'.
 * Special-token ids come from the tokenizer it is built for, so the checkpoint loads as an ordinary HF Qwen2.5-VL
 * model.
 *
 * @param hiddenSize text hidden size (= vision out_hidden_size)
 * @param layers text decoder layers
 * @param heads text attention heads
 * @param kvHeads text key/value heads (GQA)
 * @param intermediateSize text SwiGLU width
 * @param visionDepth vision blocks (the last one uses full attention, the others window attention)
 * @param visionHidden vision hidden size
 * @param visionHeads vision heads (head_dim must be a multiple of 4)
 * @param visionIntermediate vision SwiGLU width
 */
public record TinyQwen(int hiddenSize, int layers, int heads, int kvHeads, int intermediateSize, int visionDepth,
                       int visionHidden, int visionHeads, int visionIntermediate) {

  /** The config for a tokenizer whose ids are {@code vocab} (as {@code WordLevelTokenizerBuilder.write} returns). */
  public QwenConfig config(Map<String, Integer> vocab) {
    return config(vocab.size(), token -> {
      Integer id = vocab.get(token);
      if (id == null) {
        throw new IllegalStateException("tokenizer vocabulary lacks " + token);
      }
      return id;
    });
  }

  /** The config for {@code tokenizer}'s vocabulary and special tokens. */
  public QwenConfig config(TextTokenizer tokenizer) {
    return config(tokenizer.vocabSize(), token -> Math.toIntExact(tokenizer.tokenId(token)));
  }

  private QwenConfig config(int vocabSize, ToIntFunction<String> id) {
    int headDim = hiddenSize / heads;
    // M-RoPE splits head_dim/2 frequencies between T, H, W as the published models do (16:24:24 of 64).
    int half = headDim / 2;
    int t = half / 4;
    int h = (half - t) / 2;
    int[] mrope = {t, h, half - t - h};
    QwenConfig.Vision vision = new QwenConfig.Vision(visionDepth, visionHidden, visionHeads, visionIntermediate, 3,
        14, 2, 2, 56, new int[] {visionDepth - 1}, hiddenSize, 2.0);
    return new QwenConfig(vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads, headDim, 1e-6, 1e6,
        mrope, false, 32768, 0.02, id.applyAsInt("<|endoftext|>"), new int[] {id.applyAsInt("<|im_end|>"),
        id.applyAsInt("<|endoftext|>")}, id.applyAsInt("<|vision_start|>"), id.applyAsInt("<|vision_end|>"),
        id.applyAsInt("<|vision_pad|>"), id.applyAsInt("<|image_pad|>"), id.applyAsInt("<|video_pad|>"), vision,
        QwenConfig.SecondPerGridConvention.TRUNCATE);
  }
}
