package dev.videop2r.training;

import dev.videop2r.data.Sample;
import dev.videop2r.model.VisualInputs;
import java.util.List;

/**
 * One RL prompt, ready for generation and for the log-prob forward.
 *
 * @param sample the VQA record (question, ground truth, facts for the synthetic judge)
 * @param ids the rendered prompt, vision pads expanded, ending with the assistant header
 * @param visuals its pixels in order of appearance
 */
public record RolloutPrompt(Sample sample, long[] ids, List<VisualInputs> visuals) {
  public RolloutPrompt {
    if (ids.length == 0) {
      throw new IllegalArgumentException("sample " + sample.problemId() + ": empty prompt");
    }
    visuals = List.copyOf(visuals);
  }
}
