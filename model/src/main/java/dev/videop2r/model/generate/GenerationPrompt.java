package dev.videop2r.model.generate;

import dev.videop2r.model.VisualInputs;
import java.util.List;

/**
 * One prompt: its token ids (vision pads already expanded, e.g. by {@code ChatTemplate}) and its own visual
 * inputs in order of appearance (empty for text).
 */
public record GenerationPrompt(long[] ids, List<VisualInputs> visuals) {

  public GenerationPrompt {
    if (ids == null || ids.length == 0) {
      throw new IllegalArgumentException("a generation prompt needs at least one token");
    }
    ids = ids.clone();
    visuals = List.copyOf(visuals);
  }

  public static GenerationPrompt text(long[] ids) {
    return new GenerationPrompt(ids, List.of());
  }

  @Override
  public long[] ids() {
    return ids.clone();
  }

  int length() {
    return ids.length;
  }
}
