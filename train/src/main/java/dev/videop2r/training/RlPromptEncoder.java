package dev.videop2r.training;

import dev.videop2r.data.Sample;
import java.io.IOException;

/** Renders an RL prompt (chat template, media through the video module). */
@FunctionalInterface
public interface RlPromptEncoder {
  /** @throws IOException when the sample's media cannot be read; the message names the file */
  RolloutPrompt encodePrompt(Sample sample) throws IOException;

  /**
   * T-GRPO's contrast prompt: the same prompt (same token ids) with the video's sampled frames in a random order
   * drawn from {@code seed}. Encoders without media cannot make one.
   */
  default RolloutPrompt encodeShuffledPrompt(Sample sample, long seed) throws IOException {
    throw new UnsupportedOperationException("this prompt encoder cannot shuffle a video's frames (T-GRPO needs one"
        + " that reads the media)");
  }
}
