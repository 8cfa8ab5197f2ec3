package dev.videop2r.serve.rollout;

import dev.videop2r.model.VisualInputs;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.RgbFrame;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a rollout server is sent for one RL prompt: the trainer's user text and the very frames it patchified
 * (recovered exactly from the prompt's pixel values, so nothing is decoded twice and the server's pixels are the
 * trainer's once sent losslessly).
 *
 * @param frames the frames, one for an image, none for a text-only prompt
 * @param videoFps the rate that gives the trainer's temporal patch duration (2 / second_per_grid_t); 0 for an image
 */
public record RemotePrompt(String text, List<BufferedImage> frames, double videoFps) {
  public RemotePrompt {
    frames = List.copyOf(frames);
  }

  /** The request content of a rollout prompt built by the trainer's {@link ConversationEncoder}. */
  public static RemotePrompt of(RolloutPrompt prompt) {
    String text = ConversationEncoder.userText(prompt.sample());
    if (prompt.visuals().isEmpty()) {
      return new RemotePrompt(text, List.of(), 0);
    }
    VisualInputs visual = prompt.visuals().getFirst();
    if (prompt.visuals().size() != 1 || visual.items() != 1) {
      throw new IllegalArgumentException("sample " + prompt.sample().problemId() + ": a remote rollout sends one"
          + " image or video, the prompt has " + prompt.visuals().size() + " visual inputs");
    }
    List<BufferedImage> frames = QwenPatchifier.frames(visual.pixelValues(), 0, visual.gridThw()[0]).stream()
        .map(RgbFrame::toBufferedImage).toList();
    if (!visual.video()) {
      return new RemotePrompt(text, List.of(frames.getFirst()), 0);
    }
    return new RemotePrompt(text, frames, QwenPatchifier.TEMPORAL_PATCH / (double) visual.secondPerGridT(0));
  }
}
