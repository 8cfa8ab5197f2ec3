package dev.videop2r.reward;

import dev.videop2r.template.PythonText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multiple-choice accuracy. Video-R1: exact string match after strip ("A." and "(A)" score 0). Corrected: both
 * sides reduced to an option letter — a leading letter with optional brackets and a trailing '.', ')' or ':'
 * ("(A)", "A.", "a", "A. red"), or the text of one of the options ("red" for "A. red") — then compared.
 */
public final class MultipleChoiceMetric {

  private static final Pattern LETTER = Pattern.compile(
      "[(\\[]?([A-Za-z])[)\\].:]?(?:" + PythonText.WHITESPACE_CLASS + ".*)?",
      Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern OPTION = Pattern.compile("([A-Za-z])[.)]" + PythonText.WHITESPACE_CLASS + "*(.*)",
      Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);

  private MultipleChoiceMetric() {}

  public static double score(String prediction, String groundTruth, List<String> options, ScoringMode mode) {
    if (mode == ScoringMode.VIDEO_R1) {
      return PythonText.strip(prediction).equals(PythonText.strip(groundTruth)) ? 1.0 : 0.0;
    }
    Optional<Character> gold = letter(groundTruth, options);
    Optional<Character> predicted = letter(prediction, options);
    return gold.isPresent() && gold.equals(predicted) ? 1.0 : 0.0;
  }

  /** The option letter an answer names, upper case, if any. */
  static Optional<Character> letter(String answer, List<String> options) {
    String a = PythonText.strip(answer);
    Matcher m = LETTER.matcher(a);
    if (m.matches()) {
      return Optional.of(Character.toUpperCase(m.group(1).charAt(0)));
    }
    String normalised = normaliseOptionText(a);
    for (String option : options == null ? List.<String>of() : options) {
      Matcher o = OPTION.matcher(PythonText.strip(option));
      if (o.matches() && !normalised.isEmpty() && normaliseOptionText(o.group(2)).equals(normalised)) {
        return Optional.of(Character.toUpperCase(o.group(1).charAt(0)));
      }
    }
    return Optional.empty();
  }

  private static String normaliseOptionText(String s) {
    String t = PythonText.strip(s).toLowerCase(Locale.ROOT);
    while (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return PythonText.strip(t);
  }
}
