package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemScorerTest {

  private static final EvalItem MC =
      new EvalItem("1", Benchmark.MVBENCH, "v.mp4", "q", List.of("A. x", "B. y", "C. Piling something up", "D. z"),
          ProblemType.MULTIPLE_CHOICE, "C", Map.of());

  private static EvalItem numerical(String gold) {
    return new EvalItem("2", Benchmark.VIDEO_MMMU, "v.mp4", "q", List.of(), ProblemType.NUMERICAL, gold, Map.of());
  }

  /** benchmarks.md §1.4: strict Video-R1 letter match; the lenient mode reads the letter. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "C|1|1",
        "' C '|1|1",
        "C.|0|1",
        "(C)|0|1",
        "c|0|1",
        "C. Piling something up|0|1",
        "The best answer is C|0|1",
        "B|0|0",
        "''|0|0",
      })
  void multipleChoice(String answer, double videoR1, double official) {
    assertEquals(videoR1, new ItemScorer(ScoringRules.VIDEO_R1).score(MC, answer));
    assertEquals(official, new ItemScorer(ScoringRules.OFFICIAL).score(MC, answer));
  }

  /** Decimal-marker consistency, then round(x, 2) equality (benchmarks.md §1.4). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "4|4|1",
        "4.0|4|0",
        "4|4.0|0",
        "2.5|2.50|1",
        "3.0|3.004|1",
        "7243000|'7,243,000'|0",
        "'7,243,000'|'7,243,000'|1",
        "12|twelve|0",
        "12|' 12 '|1",
        "12|12 meters|0",
      })
  void numericalVideoR1(String gold, String answer, double expected) {
    assertEquals(expected, new ItemScorer(ScoringRules.VIDEO_R1).score(numerical(gold), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"4|4.0|1", "12|12 meters|1", "'1,200'|about 1200 cm|1", "12|none|0"})
  void numericalOfficialReadsTheFirstNumber(String gold, String answer, double expected) {
    assertEquals(expected, new ItemScorer(ScoringRules.OFFICIAL).score(numerical(gold), answer));
  }

  @ParameterizedTest
  @CsvSource({"0.125, 0.12", "0.135, 0.14", "2.675, 2.67", "-1.005, -1.0"})
  void roundingMatchesPythonRound(double x, double expected) {
    // 0.125 is exact, so half-even gives 0.12; 2.675 is 2.67499999... in binary, so 2.67.
    assertEquals(expected, ItemScorer.round2(x));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"<think>x</think><answer> B </answer>|B|B", "no tags at all|''|no tags at all",
      "<answer>A</answer> later <answer>B</answer>|A|A"})
  void extraction(String output, String firstTag, String fallback) {
    assertEquals(firstTag, AnswerExtraction.FIRST_ANSWER_TAG.extract(output));
    assertEquals(fallback, AnswerExtraction.VIDEO_R1_FALLBACK.extract(output));
  }
}
