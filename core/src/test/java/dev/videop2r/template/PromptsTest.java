package dev.videop2r.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptsTest {

  @Test
  void multipleChoiceQuestionHasNoSeparatorBeforeOptions() {
    assertEquals("Which color?Options:\nA. red\nB. blue\n",
        Prompts.question(ProblemType.MULTIPLE_CHOICE, "Which color?", List.of("A. red", "B. blue")));
    assertEquals("How many?", Prompts.question(ProblemType.NUMERICAL, "How many?", List.of()));
  }

  @Test
  void videoR1TrainingPromptIsByteExact() {
    String expected = "How many?\nPlease think about this question as if you were a human pondering deeply."
        + " Engage in an internal dialogue using expressions such as 'let me think', 'wait', 'Hmm', 'oh, I see',"
        + " 'let's break it down', etc, or other natural language thought expressions It's encouraged to include"
        + " self-reflection or verification in the reasoning process. Provide your detailed reasoning between the"
        + " <think> </think> tags, and then give your final answer between the <answer> </answer> tags."
        + " Please provide the numerical value (e.g., 42 or 3.14) within the <answer> </answer> tags.";
    assertEquals(expected,
        Prompts.videoR1(ProblemType.NUMERICAL, "How many?", List.of(), Prompts.VideoR1Variant.TRAINING));
    assertTrue(Prompts.videoR1(ProblemType.NUMERICAL, "How many?", List.of(), Prompts.VideoR1Variant.EVALUATION)
        .contains("between the <think> and </think> tags, and then give your final answer between the <answer>"
            + " and </answer> tags."));
  }

  @Test
  void processAwarePromptAsksForAllThreeSegmentsAndTheTypeInstruction() {
    for (ProblemType type : ProblemType.values()) {
      String p = Prompts.processAware(type, "Q?", List.of("A. x", "B. y"));
      assertTrue(p.contains("<observation> and </observation>"), p);
      assertTrue(p.indexOf("<observation>") < p.indexOf("<think>"), p);
      assertTrue(p.indexOf("<think>") < p.indexOf("<answer> and </answer>"), p);
      assertTrue(p.endsWith(Prompts.answerInstruction(type)), p);
    }
  }
}
