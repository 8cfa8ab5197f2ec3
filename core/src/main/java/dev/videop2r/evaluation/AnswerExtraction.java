package dev.videop2r.evaluation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the predicted answer is taken from a model's output. */
public enum AnswerExtraction {
  /** The first {@code <answer>...</answer>}, stripped; empty when there is none (training's rule). */
  FIRST_ANSWER_TAG,
  /** The first {@code <answer>...</answer>}, or the whole output when there is none (Video-R1 eval). */
  VIDEO_R1_FALLBACK;

  private static final Pattern ANSWER = Pattern.compile("<answer>\\s*(.*?)\\s*</answer>", Pattern.DOTALL);

  public String extract(String output) {
    Matcher m = ANSWER.matcher(output);
    if (m.find()) {
      return m.group(1).strip();
    }
    return this == VIDEO_R1_FALLBACK ? output : "";
  }
}
