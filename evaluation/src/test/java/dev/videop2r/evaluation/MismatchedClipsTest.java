package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.training.RolloutPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class MismatchedClipsTest {

  private static RolloutPrompt prompt(long id, long h) {
    Sample s = new Sample(id, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>",
        "./clip" + id + ".mp4", "synthetic", List.of(), null, null);
    VisualInputs v = new VisualInputs(new float[(int) (2 * h * 2) * 4], new long[] {2 * h * 2, 4},
        new long[][] {{2, h, 2}}, new float[] {1f}, true);
    return new RolloutPrompt(s, new long[] {1, 2, 3}, List.of(v));
  }

  @Test
  void theBlindControlAsksAboutTheOtherClip() {
    RolloutPrompt own = prompt(1, 2);
    RolloutPrompt other = prompt(2, 2);
    List<VisualInputs> swapped = SyntheticEvaluation.swapped(own, other);
    assertSame(other.visuals().getFirst(), swapped.getFirst());
  }

  @Test
  void clipsOfDifferentGridsCannotBeSwapped() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SyntheticEvaluation.swapped(prompt(1, 2), prompt(2, 4)));
    assertTrue(e.getMessage().contains("samples 1 and 2"), e.getMessage());
  }
}
