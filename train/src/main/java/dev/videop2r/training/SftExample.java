package dev.videop2r.training;

import dev.videop2r.model.VisualInputs;
import java.util.List;

/**
 * One tokenised SFT conversation.
 *
 * @param ids the whole rendered conversation (system, user with vision pads, assistant)
 * @param target {@code target[t]} is true when token t is part of the loss: the assistant's response and its
 *     end-of-turn token only (system, user and vision tokens are masked, unlike Video-R1)
 * @param visuals the conversation's pixels in order of appearance
 */
public record SftExample(long[] ids, boolean[] target, List<VisualInputs> visuals) {
  public SftExample {
    if (ids.length != target.length) {
      throw new IllegalArgumentException("ids and target differ in length: " + ids.length + " vs " + target.length);
    }
    if (target.length > 0 && target[0]) {
      throw new IllegalArgumentException("the first token cannot be a target: nothing predicts it");
    }
    visuals = List.copyOf(visuals);
  }

  public int targetTokens() {
    int n = 0;
    for (boolean b : target) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
