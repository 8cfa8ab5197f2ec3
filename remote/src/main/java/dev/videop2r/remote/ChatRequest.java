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
 */
public record ChatRequest(String system, String text, List<BufferedImage> images, double temperature, Double topP,
    int maxTokens) {

  public ChatRequest {
    Objects.requireNonNull(text, "text");
    images = images == null ? List.of() : List.copyOf(images);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
  }

  /** A text-only request. */
  public static ChatRequest text(String system, String text, double temperature, int maxTokens) {
    return new ChatRequest(system, text, List.of(), temperature, null, maxTokens);
  }
}
