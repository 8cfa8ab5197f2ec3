package dev.videop2r.remote;

/**
 * A model's answer.
 *
 * @param text the generated text (all text blocks concatenated)
 * @param finishReason why generation stopped as the server says it ({@code stop}, {@code length},
 *     {@code end_turn}, ...), or "" when it did not say
 */
public record ChatReply(String text, String finishReason) {}
