package dev.videop2r.training;

import dev.videop2r.data.Sample;
import java.io.IOException;

/** Renders an RL prompt (chat template, media through the video module). */
@FunctionalInterface
public interface RlPromptEncoder {
  /** @throws IOException when the sample's media cannot be read; the message names the file */
  RolloutPrompt encodePrompt(Sample sample) throws IOException;
}
