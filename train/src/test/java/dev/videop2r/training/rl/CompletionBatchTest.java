package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.training.RolloutPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference and policy passes encode each prompt's video once: the model encodes each distinct
 * {@code VisualInputs} instance once (SharedVisualsTest), so the rows of one prompt must list that prompt's own
 * instances, never copies.
 */
class CompletionBatchTest {

  @Test
  void rowsOfOnePromptShareItsVisualInputsInstances() {
    Sample sample = new Sample(0, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>",
        "v.mp4", "s", List.of(), null, null);
    VisualInputs first = video();
    VisualInputs second = video();
    List<RolloutPrompt> prompts = List.of(new RolloutPrompt(sample, new long[] {1, 2, 3}, List.of(first)),
        new RolloutPrompt(sample, new long[] {4, 5}, List.of(second)));
    List<Rollout> rollouts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rollouts.add(new Rollout(new long[] {7, 8}, new float[2], true));
    }
    RolloutBatch batch = new RolloutBatch(prompts, 3, rollouts, null, null, null, Map.of());
    CompletionBatch rows = new CompletionBatch(batch, 1, 6, 0); // rollouts 1..5: prompt 0 twice, prompt 1 three times
    assertEquals(5, rows.visuals.size());
    for (int i = 0; i < 5; i++) {
      assertSame(i < 2 ? first : second, rows.visuals.get(i), "row " + i);
    }
    assertNotSame(rows.visuals.get(0), rows.visuals.get(2));
  }

  private static VisualInputs video() {
    return new VisualInputs(new float[4 * 1176], new long[] {4, 1176}, new long[][] {{1, 2, 2}}, new float[] {1f},
        true);
  }
}
