package dev.videop2r.evaluation;

import dev.videop2r.data.ProblemType;
import dev.videop2r.reward.MeanRelativeAccuracy;
import dev.videop2r.reward.PythonFloat;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.reward.TaskMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores one extracted answer against an item's gold, in [0, 1]. The Video-R1 rules are the reward
 * code's Video-R1 task metrics ({@link TaskMetrics}) for multiple choice and numerical items and Video-R1's
 * MRA for regression items; the official rules read letters and numbers leniently and use the official MRA.
 */
public final class ItemScorer {

  private static final Pattern FIRST_NUMBER = Pattern.compile("[+-]?(\\d[\\d,]*(\\.\\d+)?|\\.\\d+)");
  private static final List<String> ANSWER_PREFIXES =
      List.of(
          "the best answer is", "the correct answer is", "the answer is", "best option:", "answer:",
          "option");
  private static final Pattern LEADING_LETTER = Pattern.compile("^\\(?([A-Za-z])\\)?(?:[.:)]|\\s|$).*", Pattern.DOTALL);
  private static final Pattern STANDALONE_CAPITAL = Pattern.compile("(?<![A-Za-z])([A-Z])(?![A-Za-z])");

  private final ScoringRules rules;

  public ItemScorer(ScoringRules rules) {
    this.rules = rules;
  }

  public double score(EvalItem item, String answer) {
    if (rules == ScoringRules.VIDEO_R1) {
      if (item.kind() == ProblemType.REGRESSION) {
        // Video-R1 eval scores regression by MRA (training used 1 - relative error): numbers as Python
        // float() reads them after deleting commas; a parse failure scores 0.
        OptionalDouble g = PythonFloat.parse(item.gold().replace(",", ""));
        OptionalDouble p = PythonFloat.parse(answer.replace(",", ""));
        return g.isPresent() && p.isPresent()
            ? MeanRelativeAccuracy.score(p.getAsDouble(), g.getAsDouble(), MeanRelativeAccuracy.Convention.VIDEO_R1)
            : 0;
      }
      return TaskMetrics.score(item.kind(), answer, item.gold(), item.options(), ScoringMode.VIDEO_R1);
    }
    return switch (item.kind()) {
      case MULTIPLE_CHOICE -> item.gold().equals(lenientLetter(answer, item.optionLetters())) ? 1 : 0;
      case NUMERICAL -> {
        OptionalDouble g = firstNumber(item.gold());
        OptionalDouble p = firstNumber(answer);
        yield g.isPresent() && p.isPresent() && round2(g.getAsDouble()) == round2(p.getAsDouble()) ? 1 : 0;
      }
      case REGRESSION -> {
        OptionalDouble g = firstNumber(item.gold());
        OptionalDouble p = firstNumber(answer);
        yield g.isPresent() && p.isPresent()
            ? MeanRelativeAccuracy.score(p.getAsDouble(), g.getAsDouble(), MeanRelativeAccuracy.Convention.OFFICIAL)
            : 0;
      }
      default -> throw new IllegalArgumentException("no benchmark metric for " + item.kind().wireName());
    };
  }

  /**
   * The option letter an answer names, read leniently: answer phrases removed, then a leading letter
   * ("C", "(c)", "C. text"), else the first capital letter standing alone that is an option letter.
   */
  public static String lenientLetter(String answer, List<String> letters) {
    String text = answer.strip();
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String prefix : ANSWER_PREFIXES) {
        if (text.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          text = text.substring(prefix.length()).strip();
          stripped = true;
        }
      }
    }
    Matcher leading = LEADING_LETTER.matcher(text);
    if (leading.matches()) {
      String letter = leading.group(1).toUpperCase(Locale.ROOT);
      if (letters.contains(letter)) {
        return letter;
      }
    }
    Matcher capital = STANDALONE_CAPITAL.matcher(text);
    while (capital.find()) {
      if (letters.contains(capital.group(1))) {
        return capital.group(1);
      }
    }
    return "";
  }

  /** The first number written in the text, thousands separators allowed ("about 1,200 cm" is 1200). */
  static OptionalDouble firstNumber(String text) {
    Matcher m = FIRST_NUMBER.matcher(text);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group().replace(",", ""))) : OptionalDouble.empty();
  }

  /** Python's round(x, 2): the exact binary value rounded half-even. */
  static double round2(double x) {
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
