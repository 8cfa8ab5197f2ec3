package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Video-R1's accuracy reward on inputs its data never has (issue 19 §6). Each expected value was worked out from
 * Video-R1's {@code accuracy_reward} in {@code src/r1-v/src/open_r1/grpo.py} (problem type compared with
 * {@code ==}, ground truth = its answer regex on the solution, any exception → 0.0) and checked by running that
 * function on the same inputs.
 */
class VideoR1DegenerateInputsTest {

  private static double score(String type, String completion, String solution) {
    String truth = solution == null ? null : AnswerExtractor.groundTruth(solution, ScoringMode.VIDEO_R1);
    return ReasoningAccuracy.videoR1(type, completion, truth).score();
  }

  @ParameterizedTest(name = "solution {0}")
  @CsvSource(delimiter = '|', value = {
      // no answer element: the ground truth is "", so a correct answer scores 0
      "A|0.0",
      "<answer>A|0.0",
      "<Answer>A</Answer>|0.0",
      "A</answer>|0.0",
      // the first answer element wins
      "<answer>B</answer><answer>A</answer>|0.0",
      "<think>x</think><answer>A</answer>|1.0",
      "'<answer>\n A \n</answer>'|1.0"})
  void groundTruthIsTheAnswerRegexMatchOfTheSolution(String solution, double expected) {
    assertEquals(expected, score("multiple choice", "<answer>A</answer>", solution));
  }

  @Test
  void emptyGroundTruthMatchesAnEmptyAnswer() {
    // "" == "": a completion without answer tags scores 1 against a solution without them
    assertEquals(1.0, score("multiple choice", "no tags at all", "B"));
    assertEquals(1.0, score("OCR", "no tags", "plain"), "WER of nothing against nothing is 0");
    assertEquals(0.0, score("OCR", "<answer>x y</answer>", "plain"));
    assertEquals(0.0, score("numerical", "<answer>3</answer>", "3"));
    assertEquals(0.0, score("numerical", "none", "3"), "float('') fails on both sides");
    assertEquals(0.0, score("regression", "<answer>3</answer>", "<ANSWER>3</ANSWER>"));
    assertEquals(0.0, score("free-form", "none", "none"), "ROUGE of two empty texts is 0");
  }

  @ParameterizedTest(name = "problem_type ''{0}''")
  @CsvSource(value = {"Multiple Choice", "MULTIPLE CHOICE", "multiple-choice", "' multiple choice'", "ocr", "Ocr",
      "Free-form", "free form", "Numerical", "regression ", "''", "counting"})
  void anUnknownSpellingOfTheTypeScoresZero(String type) {
    assertEquals(0.0, score(type, "<answer>A</answer>", "<answer>A</answer>"));
  }

  @Test
  void aMissingTypeOrSolutionScoresZero() {
    assertEquals(0.0, score(null, "<answer>A</answer>", "<answer>A</answer>"));
    assertEquals(0.0, score("multiple choice", "<answer>A</answer>", null));
    assertEquals(1.0, score("multiple choice", "<answer>A</answer>", "<answer>A</answer>"));
    assertEquals(1.0, score("OCR", "<answer>hello world</answer>", "<answer>hello world</answer>"));
  }

  @Test
  void correctedModeKeepsTheBareSolution() {
    assertEquals("A", AnswerExtractor.groundTruth("A", ScoringMode.CORRECTED));
    assertEquals("", AnswerExtractor.groundTruth("A", ScoringMode.VIDEO_R1));
  }
}
