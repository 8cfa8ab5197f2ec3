package dev.videop2r.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The answer text inside a solution's tags, extracted as Video-R1's {@code extract_answer} does. */
final class SolutionText {

  private static final Pattern ANSWER =
      Pattern.compile("<answer>\\s*(.*?)\\s*</answer>", Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);

  private SolutionText() {}

  static String answer(String solution) {
    Matcher m = ANSWER.matcher(solution);
    return m.find() ? m.group(1).strip() : "";
  }
}
