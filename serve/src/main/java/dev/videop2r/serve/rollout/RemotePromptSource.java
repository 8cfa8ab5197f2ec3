package dev.videop2r.serve.rollout;

import dev.videop2r.data.DataType;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.video.QwenPatchifier;
import java.io.IOException;
import java.util.List;

/**
 * Builds a sample's {@link RemotePrompt} with the trainer's own pieces: the process-aware user text of
 * {@link ConversationEncoder} and the frames and time scale of its {@link MediaInputs}.
 */
public final class RemotePromptSource {
  private final MediaInputs media;

  /** @param media the trainer's media encoder, or null for text-only prompts */
  public RemotePromptSource(MediaInputs media) {
    this.media = media;
  }

  public RemotePrompt of(Sample sample) throws IOException {
    String text = ConversationEncoder.userText(sample);
    if (media == null) {
      return new RemotePrompt(text, List.of(), 0);
    }
    SampledFrames sampled = media.sample(sample);
    if (sample.dataType() == DataType.IMAGE) {
      return new RemotePrompt(text, List.of(sampled.images().getFirst()), 0);
    }
    return new RemotePrompt(text, sampled.images(), QwenPatchifier.TEMPORAL_PATCH / media.secondPerGridT(sampled));
  }
}
