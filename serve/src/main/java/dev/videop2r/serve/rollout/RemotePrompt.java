package dev.videop2r.serve.rollout;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a rollout server is sent for one RL prompt: the user text and the frames the trainer sampled for the same
 * sample (sent losslessly, so the server's pixels are the trainer's).
 *
 * @param frames the sampled frames, one for an image, none for a text-only prompt
 * @param videoFps the rate that gives the trainer's temporal patch duration (2 / second_per_grid_t); 0 for an image
 */
public record RemotePrompt(String text, List<BufferedImage> frames, double videoFps) {
  public RemotePrompt {
    frames = List.copyOf(frames);
  }
}
