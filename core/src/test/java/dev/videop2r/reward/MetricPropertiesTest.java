package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MetricPropertiesTest {

  private static final List<String> OPTIONS = List.of("A. red", "B. blue", "C. green");

  @Provide
  Arbitrary<String> answers() {
    Arbitrary<String> numbers = Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e4, 1e4).ofScale(3).map(d -> Double.toString(d)),
        Arbitraries.integers().between(-5000, 5000).map(i -> String.format("%,d", i)),
        Arbitraries.of("nan", "inf", "-inf", "0", "0.0", "1_000", "1e400", ""));
    Arbitrary<String> words = Arbitraries.strings().withChars("abcAB .,()\n\u00a0ü猫12").ofMaxLength(40);
    return Arbitraries.oneOf(numbers, words, Arbitraries.of("A", "B", "(C)", "c.", "blue"));
  }

  @Property(tries = 1000)
  void everyMetricScoresWithinUnitInterval(@ForAll ProblemType type, @ForAll ScoringMode mode,
      @ForAll("answers") String prediction, @ForAll("answers") String gold) {
    double s = TaskMetrics.score(type, prediction, gold, OPTIONS, mode);
    assertTrue(s >= 0.0 && s <= 1.0, type + " " + mode + " scored " + s);
  }

  @Property(tries = 500)
  void rougeIsSymmetricAndPerfectOnItself(@ForAll ScoringMode mode, @ForAll("answers") String a,
      @ForAll("answers") String b) {
    assertEquals(RougeMetric.score(a, b, mode), RougeMetric.score(b, a, mode), 1e-12);
    if (RougeTokenizer.tokenize(a, mode).size() >= 2) {
      assertEquals(1.0, RougeMetric.score(a, a, mode), 1e-12);
    }
  }

  @Provide
  Arbitrary<String> taggedTexts() {
    return Arbitraries.of("<answer>", "</answer>", "<think>", "</think>", " ", "\n", "A", "b 1", "<answ")
        .list().ofMaxSize(12).map(parts -> String.join("", parts));
  }

  @Property(tries = 1000)
  void answerExtractionEqualsAPlainRegexSearch(@ForAll("taggedTexts") String text) {
    Matcher m = Pattern.compile("<answer>[\\s\\x1c-\\x1f]*(.*?)[\\s\\x1c-\\x1f]*</answer>",
        Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
    String expected = m.find() ? m.group(1).strip() : "";
    assertEquals(expected, AnswerExtractor.videoR1(text));
  }

  @Property(tries = 300)
  void anAnswerMatchesItselfWhereTheMetricAllows(@ForAll ScoringMode mode,
      @ForAll("answers") String answer) {
    if (!answer.isBlank() && !answer.contains("\n")) {
      assertEquals(1.0, WordErrorRate.score(answer, answer, mode));
    }
  }
}
