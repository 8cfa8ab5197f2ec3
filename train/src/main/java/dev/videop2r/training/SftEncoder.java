package dev.videop2r.training;

import dev.videop2r.data.Sample;
import java.io.IOException;

/** Turns a CoT sample into the model's tokens, loss mask and pixels (chat template + media preprocessing). */
@FunctionalInterface
public interface SftEncoder {
  /** @throws IOException when the sample's media cannot be read; the message names the file */
  SftExample encode(Sample sample) throws IOException;
}
