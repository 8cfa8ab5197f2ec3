package dev.videop2r.reward;

import dev.videop2r.template.PythonText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Video-R1's {@code extract_answer}: the first match of {@code <answer>\s*(.*?)\s*</answer>} (DOTALL,
 * non-greedy), stripped, or "" when there is none. The first match wins even when it sits inside
 * {@code <think>}. {@code \s} is Python's (it includes U+001C–U+001F, unlike Java's).
 */
public final class AnswerExtractor {

  private static final String WS = PythonText.WHITESPACE_CLASS;
  private static final Pattern ANSWER = Pattern.compile(
      "<answer>" + WS + "*(.*?)" + WS + "*</answer>", Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);

  private AnswerExtractor() {}

  /** The answer text of {@code text} as Video-R1 extracts it ("" when no answer tags match). */
  public static String videoR1(String text) {
    Matcher m = firstMatch(text);
    return m == null ? "" : PythonText.strip(m.group(1));
  }

  /** Whether {@code text} holds a complete answer element Video-R1's regex would find. */
  public static boolean hasAnswer(String text) {
    return firstMatch(text) != null;
  }

  /**
   * The regex's first match, searched from the first {@code <answer>}: the pattern matches from an opening tag iff
   * a closing tag follows it, so no earlier start can match and no later one can when this one does not. Jumping
   * there with indexOf spares the regex an attempt at every character of a long completion.
   */
  private static Matcher firstMatch(String text) {
    int open = text.indexOf("<answer>");
    if (open < 0) {
      return null;
    }
    Matcher m = ANSWER.matcher(text);
    return m.find(open) ? m : null;
  }

  /**
   * The ground truth of a solution: the extracted answer when the solution has answer tags (Video-R1's
   * {@code "<answer>B</answer>"}), else the whole solution stripped (Video-R1 would read "" there).
   */
  public static String groundTruth(String solution) {
    return hasAnswer(solution) ? videoR1(solution) : PythonText.strip(solution);
  }

  /**
   * The ground truth as {@code mode} reads it: Video-R1 applies its answer regex to the solution, so a solution
   * without a complete answer element ("B", "<answer>B", "<Answer>B</Answer>") is "" there; corrected mode is
   * {@link #groundTruth(String)}.
   */
  public static String groundTruth(String solution, ScoringMode mode) {
    return mode == ScoringMode.VIDEO_R1 ? videoR1(solution) : groundTruth(solution);
  }
}
