package dev.videop2r.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic think–answer judge: the last option the reasoning names explicitly wins. It looks for
 * the last letter phrase ("the answer is B", "option (C)", "choose D") and otherwise the last option text
 * quoted in the reasoning. It is a stand-in for an LLM judge, exact on templated synthetic reasoning.
 */
public final class RuleThinkAnswerJudge implements ThinkAnswerJudge {

  private static final Pattern LETTER_PHRASE =
      Pattern.compile(
          "(?:answer|option|choice|choose|select|pick)(?:\\s+(?:is|should be|would be|must be))?"
              + "\\s*:?\\s*\\(?([A-J])\\)?(?![A-Za-z])",
          Pattern.CASE_INSENSITIVE);

  @Override
  public Verdict impliedAnswer(EvalItem item, String think) {
    List<String> letters = item.optionLetters();
    String lastLetter = null;
    Matcher m = LETTER_PHRASE.matcher(think);
    while (m.find()) {
      String letter = m.group(1).toUpperCase(Locale.ROOT);
      if (letters.contains(letter) && Character.isUpperCase(m.group(1).charAt(0))) {
        lastLetter = letter;
      }
    }
    if (lastLetter != null) {
      return new Verdict.Implied(lastLetter);
    }
    String lower = think.toLowerCase(Locale.ROOT);
    int bestAt = -1;
    int bestLength = 0;
    String best = null;
    for (String option : item.options()) {
      String text = option.substring(3).strip().toLowerCase(Locale.ROOT);
      int at = text.isEmpty() ? -1 : lower.lastIndexOf(text);
      // Latest mention wins; at the same place the longer text ("red car" over "red") is the one meant.
      if (at > bestAt || (at >= 0 && at == bestAt && text.length() > bestLength)) {
        bestAt = at;
        bestLength = text.length();
        best = option.substring(0, 1);
      }
    }
    return bestAt >= 0 ? new Verdict.Implied(best) : new Verdict.NoneImplied();
  }
}
