package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.template.ResponseParser;
import org.junit.jupiter.api.Test;

class ThinkStatesAnswerTest {

  private static boolean agrees(String response) {
    return SyntheticEvaluation.thinkStatesAnswer(ResponseParser.lenient().parse(response));
  }

  private static String response(String think, String answer) {
    return "<observation>the red circle moves up.</observation>\n<think>" + think + "</think>\n<answer>" + answer
        + "</answer>";
  }

  @Test
  void aCoherentChainEndsInItsAnswer() {
    assertTrue(agrees(response("the red circle moves up, so the answer is D.", "D")));
    assertTrue(agrees(response("the words appear as tree then key, so the text is tree key.", "tree key")));
    assertTrue(agrees(response("so the number of colour changes is 2.", "2")));
  }

  @Test
  void aThinkThatConcludesOtherwiseDisagrees() {
    assertFalse(agrees(response("the red circle moves up, so the answer is D.", "C")));
    assertFalse(agrees(response("the words appear as tree then key, so the text is tree key.", "key key")));
    // Word boundaries: 2 is not stated by 12, nor the letter A by the word "a".
    assertFalse(agrees(response("so the number of colour changes is 12.", "2")));
    assertFalse(agrees(response("a circle moves, so the answer is B.", "A")));
    assertFalse(agrees(response("so the distance is 2.5.", "2")));
  }

  @Test
  void onlyTheConclusionCounts() {
    String think = "the red circle moves from x 10 and y 20 to x 30 and y 20, so it moves 20 pixels.";
    assertTrue(agrees(response(think, "20")));
    assertFalse(agrees(response(think, "10")));
    assertTrue(agrees(response("putting these events in time order, the red circle appears then moves left.",
        "the red circle appears then moves left")));
  }

  @Test
  void aMissingThinkOrAnswerDisagrees() {
    assertFalse(agrees("<observation>the red circle moves up.</observation>\n<answer>D</answer>"));
    assertFalse(agrees(response("so the answer is D.", "")));
  }
}
