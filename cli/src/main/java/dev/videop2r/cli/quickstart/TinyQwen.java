package dev.videop2r.cli.quickstart;

import dev.videop2r.model.QwenConfig;
import java.util.Map;

/**
 * The quickstart's model: the real Qwen2.5-VL architecture (vision tower with window and full attention, patch
 * merger, M-RoPE decoder) at a size two CPU cores train in minutes. Special-token ids come from the word-level
 * tokenizer written beside it, so the checkpoint loads as an ordinary HF Qwen2.5-VL model.
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

  /** Small enough for the 10-minute CPU budget, large enough to learn the synthetic world's template. */
  public static TinyQwen defaults() {
    return new TinyQwen(128, 3, 4, 2, 352, 2, 64, 2, 128);
  }

  /** The config.json values for a tokenizer whose ids are {@code vocab}. */
  public QwenConfig config(Map<String, Integer> vocab) {
    int headDim = hiddenSize / heads;
    // M-RoPE splits head_dim/2 frequencies between T, H, W as the published models do (16:24:24 of 64).
    int half = headDim / 2;
    int t = half / 4;
    int h = (half - t) / 2;
    int[] mrope = {t, h, half - t - h};
    QwenConfig.Vision vision = new QwenConfig.Vision(visionDepth, visionHidden, visionHeads, visionIntermediate, 3,
        14, 2, 2, 56, new int[] {visionDepth - 1}, hiddenSize, 2.0);
    return new QwenConfig(vocab.size(), hiddenSize, intermediateSize, layers, heads, kvHeads, headDim, 1e-6, 1e6,
        mrope, false, 32768, 0.02, id(vocab, "<|endoftext|>"), new int[] {id(vocab, "<|im_end|>"),
        id(vocab, "<|endoftext|>")}, id(vocab, "<|vision_start|>"), id(vocab, "<|vision_end|>"),
        id(vocab, "<|vision_pad|>"), id(vocab, "<|image_pad|>"), id(vocab, "<|video_pad|>"), vision,
        QwenConfig.SecondPerGridConvention.TRUNCATE);
  }

  private static int id(Map<String, Integer> vocab, String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalStateException("tokenizer vocabulary lacks " + token);
    }
    return id;
  }
}
