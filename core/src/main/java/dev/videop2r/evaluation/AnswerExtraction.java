package dev.videop2r.evaluation;

import dev.videop2r.reward.AnswerExtractor;

/** How the predicted answer is taken from a model's output. */
public enum AnswerExtraction {
  /** The first {@code <answer>...</answer>}, stripped; empty when there is none (training's rule). */
  FIRST_ANSWER_TAG,
  /** The first {@code <answer>...</answer>}, or the whole output when there is none (Video-R1 eval). */
  VIDEO_R1_FALLBACK;

  public String extract(String output) {
    if (AnswerExtractor.hasAnswer(output)) {
      return AnswerExtractor.videoR1(output);
    }
    return this == VIDEO_R1_FALLBACK ? output : "";
  }
}
