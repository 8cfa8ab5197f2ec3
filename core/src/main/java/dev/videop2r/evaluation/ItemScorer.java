package dev.videop2r.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scores one extracted answer against an item's gold, in [0, 1], under a {@link ScoringMode}. */
public final class ItemScorer {

  /** What Python's {@code float()} accepts, minus inf/nan (never a gold value here). */
  private static final Pattern PYTHON_FLOAT =
      Pattern.compile("[+-]?(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
  private static final Pattern FIRST_NUMBER = Pattern.compile("[+-]?(\\d[\\d,]*(\\.\\d+)?|\\.\\d+)");
  private static final List<String> ANSWER_PREFIXES =
      List.of(
          "the best answer is", "the correct answer is", "the answer is", "best option:", "answer:",
          "option");
  private static final Pattern LEADING_LETTER = Pattern.compile("^\\(?([A-Za-z])\\)?(?:[.:)]|\\s|$).*", Pattern.DOTALL);
  private static final Pattern STANDALONE_CAPITAL = Pattern.compile("(?<![A-Za-z])([A-Z])(?![A-Za-z])");

  private final ScoringMode mode;

  public ItemScorer(ScoringMode mode) {
    this.mode = mode;
  }

  public double score(EvalItem item, String answer) {
    return switch (item.kind()) {
      case MULTIPLE_CHOICE -> multipleChoice(item, answer);
      case NUMERICAL -> numerical(item.gold(), answer);
      case REGRESSION -> regression(item.gold(), answer);
    };
  }

  private double multipleChoice(EvalItem item, String answer) {
    if (mode == ScoringMode.VIDEO_R1) {
      return answer.strip().equals(item.gold().strip()) ? 1 : 0;
    }
    return item.gold().equals(lenientLetter(answer, item.optionLetters())) ? 1 : 0;
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

  private double numerical(String gold, String answer) {
    if (mode == ScoringMode.VIDEO_R1) {
      // Video-R1: a '.' or ',' on one side only is wrong ("4.0" vs "4"), then round(x, 2) equality.
      if (hasDecimalMarker(gold) != hasDecimalMarker(answer)) {
        return 0;
      }
      OptionalDouble g = pythonFloat(gold);
      OptionalDouble p = pythonFloat(answer);
      return g.isPresent() && p.isPresent() && round2(g.getAsDouble()) == round2(p.getAsDouble()) ? 1 : 0;
    }
    OptionalDouble g = firstNumber(gold);
    OptionalDouble p = firstNumber(answer);
    return g.isPresent() && p.isPresent() && round2(g.getAsDouble()) == round2(p.getAsDouble()) ? 1 : 0;
  }

  private double regression(String gold, String answer) {
    if (mode == ScoringMode.VIDEO_R1) {
      OptionalDouble g = pythonFloat(gold);
      OptionalDouble p = pythonFloat(answer);
      return g.isPresent() && p.isPresent() ? MeanRelativeAccuracy.videoR1(p.getAsDouble(), g.getAsDouble()) : 0;
    }
    OptionalDouble g = firstNumber(gold);
    OptionalDouble p = firstNumber(answer);
    return g.isPresent() && p.isPresent() ? MeanRelativeAccuracy.official(p.getAsDouble(), g.getAsDouble()) : 0;
  }

  private static boolean hasDecimalMarker(String text) {
    return text.indexOf('.') >= 0 || text.indexOf(',') >= 0;
  }

  /** Python's {@code float(text.replace(",", ""))}: surrounding whitespace allowed, nothing else. */
  static OptionalDouble pythonFloat(String text) {
    String s = text.replace(",", "").strip();
    if (!PYTHON_FLOAT.matcher(s).matches()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Double.parseDouble(s.replace("_", "")));
  }

  /** The first number written in the text, thousands separators allowed ("about 1,200 cm" is 1200). */
  static OptionalDouble firstNumber(String text) {
    Matcher m = FIRST_NUMBER.matcher(text);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group().replace(",", ""))) : OptionalDouble.empty();
  }

  /** Python's round(x, 2): the exact binary value rounded half-even. */
  static double round2(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
