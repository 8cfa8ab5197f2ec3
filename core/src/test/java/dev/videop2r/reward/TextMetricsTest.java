package dev.videop2r.reward;

import static dev.videop2r.reward.ScoringMode.CORRECTED;
import static dev.videop2r.reward.ScoringMode.VIDEO_R1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsTest {

  private static final List<String> OPTIONS = List.of("A. red circle", "B. blue square", "C. green");

  @Test
  void multipleChoiceVideoR1IsExactAfterStrip() {
    assertEquals(1.0, MultipleChoiceMetric.score(" C ", "C", OPTIONS, VIDEO_R1));
    assertEquals(0.0, MultipleChoiceMetric.score("C.", "C", OPTIONS, VIDEO_R1));
    assertEquals(0.0, MultipleChoiceMetric.score("(C)", "C", OPTIONS, VIDEO_R1));
    assertEquals(0.0, MultipleChoiceMetric.score("c", "C", OPTIONS, VIDEO_R1));
    assertEquals(0.0, MultipleChoiceMetric.score("C. green", "C", OPTIONS, VIDEO_R1));
  }

  @Test
  void multipleChoiceCorrectedReadsTheLetter() {
    for (String p : List.of("C", "C.", "(C)", "c", "C. green", "[C]", "C)", "green", "Green.")) {
      assertEquals(1.0, MultipleChoiceMetric.score(p, "C", OPTIONS, CORRECTED), p);
    }
    assertEquals(0.0, MultipleChoiceMetric.score("B", "C", OPTIONS, CORRECTED));
    assertEquals(0.0, MultipleChoiceMetric.score("purple", "C", OPTIONS, CORRECTED));
    assertEquals(0.0, MultipleChoiceMetric.score("", "C", OPTIONS, CORRECTED));
  }

  @Test
  void wordErrorRateHandComputed() {
    assertEquals(0.75, WordErrorRate.score("the quick brown dog", "the quick brown fox", VIDEO_R1));
    assertEquals(0.0, WordErrorRate.score("", "the quick brown fox", VIDEO_R1));
    // 2 insertions over 2 reference words: WER 1 → 0; 1 deletion of 3: 2/3.
    assertEquals(0.0, WordErrorRate.score("a b c d", "a b", VIDEO_R1));
    assertEquals(1 - 1.0 / 3, WordErrorRate.score("a c", "a b c", VIDEO_R1));
    assertEquals(1.0, WordErrorRate.score("", "", VIDEO_R1));
    assertEquals(0.0, WordErrorRate.score("x", "", VIDEO_R1), "max(1, 0 reference words)");
  }

  @Test
  void wordErrorRateCaseAndPunctuation() {
    assertEquals(0.0, WordErrorRate.score("hello world", "Hello, World", VIDEO_R1));
    assertEquals(1.0, WordErrorRate.score("hello world", "Hello, World", CORRECTED));
    assertEquals(1.0, WordErrorRate.score("STOP", "ＳＴＯＰ", CORRECTED), "NFKC folds full-width letters");
  }

  @Test
  void wordErrorRateSplitsOnPythonWhitespace() {
    // U+001F separates words for Python's str.split(); Java's \\s would not split there.
    assertEquals(1.0, WordErrorRate.score("a b", "a\u001fb", VIDEO_R1));
    assertEquals(1.0, WordErrorRate.score("a b", "a\u00a0b", VIDEO_R1));
  }

  @Test
  void rougeHandComputed() {
    RougeMetric.Scores s = RougeMetric.scores("The cat is on the mat", "The cat sat on the mat", VIDEO_R1);
    assertEquals(5.0 / 6, s.rouge1(), 1e-15);
    assertEquals(0.6, s.rouge2(), 1e-15);
    assertEquals(5.0 / 6, s.rougeL(), 1e-15);
    assertEquals((5.0 / 6 + 0.6 + 5.0 / 6) / 3, RougeMetric.score("The cat is on the mat", "The cat sat on the mat",
        VIDEO_R1), 1e-15);
  }

  @Test
  void rougeStemsOnlyTokensLongerThanThree() {
    // ref: the dog(s) are run(ning); pred: a dog run(s) → unigram overlap 2, P 2/3, R 2/4, F 4/7; no bigram.
    assertEquals(List.of("the", "dog", "are", "run"), RougeTokenizer.tokenize("The dogs are running", VIDEO_R1));
    assertEquals(List.of("a", "dog", "run"), RougeTokenizer.tokenize("a dog runs", VIDEO_R1));
    assertEquals(List.of("was", "his", "has"), RougeTokenizer.tokenize("was his has", VIDEO_R1));
    assertEquals(8.0 / 21, RougeMetric.score("a dog runs", "The dogs are running", VIDEO_R1), 1e-15);
  }

  @Test
  void rougeTokenisationDropsNonAsciiInVideoR1() {
    assertEquals(List.of("caf", "3", "5"), RougeTokenizer.tokenize("Café 3.5", VIDEO_R1));
    assertEquals(0.0, RougeMetric.score("小猫", "小猫", VIDEO_R1), "Chinese text has no tokens at all");
    assertEquals(List.of("café", "3.5"), RougeTokenizer.tokenize("Café 3.5", CORRECTED));
    assertEquals(List.of("小", "猫", "run"), RougeTokenizer.tokenize("小猫 running", CORRECTED));
    assertEquals(1.0, RougeMetric.score("小猫", "小猫", CORRECTED));
  }

  @Test
  void rougeEdgeCases() {
    assertEquals(0.0, RougeMetric.score("", "a b", VIDEO_R1));
    assertEquals(0.0, RougeMetric.score("", "", VIDEO_R1));
    // single tokens: no bigrams on either side → ROUGE-2 F = 0, so identical one-word answers score 2/3.
    assertEquals(2.0 / 3, RougeMetric.score("red", "red", VIDEO_R1), 1e-15);
  }

  @Test
  void answerExtractionFollowsVideoR1() {
    assertEquals("A", AnswerExtractor.videoR1("<answer> A </answer>"));
    assertEquals("first", AnswerExtractor.videoR1("<think><answer>first</answer></think><answer>B</answer>"));
    assertEquals("", AnswerExtractor.videoR1("A"));
    assertEquals("x\ny", AnswerExtractor.videoR1("<answer>\nx\ny\n</answer>"));
    assertEquals("A", AnswerExtractor.videoR1("<answer>\u001cA\u001d</answer>"), "Python \\s includes U+001C");
    assertEquals("B", AnswerExtractor.groundTruth("<answer>B</answer>"));
    assertEquals("B", AnswerExtractor.groundTruth(" B "));
  }

  @Test
  void videoR1FormatIsAFullMatch() {
    assertEquals(1.0, FormatReward.videoR1("<think>a</think>\n<answer>B</answer>"));
    assertEquals(0.0, FormatReward.videoR1("<think>a</think>\n<answer>B</answer>\n"), "trailing newline");
    assertEquals(0.0, FormatReward.videoR1(" <think>a</think><answer>B</answer>"), "leading space");
    assertEquals(1.0, FormatReward.videoR1("<think>a</think>\u001c<answer>B</answer>"));
    assertEquals(1.0, FormatReward.videoR1("<think><answer>x</answer></think><answer>B</answer>"), "nesting passes");
  }
}
