package dev.videop2r.remote;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One chat turn for a (vision-)language model: optional system text, then a user turn with the images first
 * and the text after them (the order Video-R1 uses for media and question).
 *
 * @param system system prompt, or null for the server's default
 * @param text the user text
 * @param images frames or images, in order; empty for text-only calls
 * @param temperature sampling temperature (0 = greedy, the CoT teacher's default)
 * @param topP nucleus sampling, or null for the server's default
 * @param maxTokens upper bound on generated tokens
 * @param videoFps 0 when the images are separate images; otherwise they are the frames of one video sampled at this
 *     rate, which an OpenAI-compatible server receives as one video (vLLM's Qwen2.5-VL processor then builds the
 *     video tokens and time positions the trainer builds)
 */
public record ChatRequest(String system, String text, List<BufferedImage> images, double temperature, Double topP,
    int maxTokens, double videoFps) {

  public ChatRequest {
    Objects.requireNonNull(text, "text");
    images = images == null ? List.of() : List.copyOf(images);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
    if (!(videoFps >= 0) || (videoFps > 0 && images.isEmpty())) {
      throw new IllegalArgumentException("videoFps must be 0 (images) or > 0 with frames, got " + videoFps);
    }
  }

  /** Separate images (or none). */
  public ChatRequest(String system, String text, List<BufferedImage> images, double temperature, Double topP,
      int maxTokens) {
    this(system, text, images, temperature, topP, maxTokens, 0);
  }

  /** The frames of a sample: one video when they were sampled from a video (a rate > 0), else images. */
  public static ChatRequest of(String system, String text, dev.videop2r.data.SampledFrames frames, double temperature,
      Double topP, int maxTokens) {
    if (frames == null) {
      return new ChatRequest(system, text, List.of(), temperature, topP, maxTokens, 0);
    }
    return new ChatRequest(system, text, frames.images(), temperature, topP, maxTokens, Math.max(0, frames.sampleFps()));
  }

  /** A text-only request. */
  public static ChatRequest text(String system, String text, double temperature, int maxTokens) {
    return new ChatRequest(system, text, List.of(), temperature, null, maxTokens);
  }
}
