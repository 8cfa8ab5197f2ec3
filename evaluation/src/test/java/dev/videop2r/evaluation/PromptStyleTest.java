package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptStyleTest {

  @Test
  void videoR1EvalPromptOfAVcrItemListsItsOptionsOnceAfterTheStrippedStem() {
    EvalItem item = Fixtures.load(Benchmark.VCR_BENCH, "vcrbench-input.json").items().get(0);
    String expected =
        "What happens right after the explosion?Options:\nA. The car stops\nB. The crowd runs\n"
            + "C. The lights go out\nD. Nothing changes\n\n"
            + "Please think about this question as if you were a human pondering deeply. Engage in an internal"
            + " dialogue using expressions such as 'let me think', 'wait', 'Hmm', 'oh, I see', 'let's break it"
            + " down', etc, or other natural language thought expressions It's encouraged to include"
            + " self-reflection or verification in the reasoning process. Provide your detailed reasoning between"
            + " the <think> and </think> tags, and then give your final answer between the <answer> and </answer>"
            + " tags. Please provide only the single option letter (e.g., A, B, C, D, etc.) within the <answer>"
            + " </answer> tags.";
    assertEquals(expected, PromptStyle.VIDEO_R1.prompt(item));
  }

  @Test
  void regressionItemsGetTheNumericalInstructionAndProcessAwareAsksForAnObservation() {
    EvalItem counting = Fixtures.load(Benchmark.VSI_BENCH, "vsibench-videor1.json").items().get(0);
    String prompt = PromptStyle.PROCESS_AWARE.prompt(counting);
    assertTrue(prompt.startsWith("How many chair(s) are in this room?\n"), prompt);
    assertTrue(prompt.contains("<observation>"), prompt);
    assertTrue(prompt.endsWith(" Please provide the numerical value (e.g., 42 or 3.14) within the <answer> </answer> tags."));
  }
}
