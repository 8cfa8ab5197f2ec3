package dev.videop2r.evaluation;

import dev.videop2r.reward.AnswerExtractor;

/** How the predicted answer is taken from a model's output. */
public enum AnswerExtraction {
  /** The first {@code <answer>...</answer>}, stripped; empty when there is none (training's rule). */
  FIRST_ANSWER_TAG,
  /** The first {@code <answer>...</answer>}, or the whole output when there is none (Video-R1 eval). */
  VIDEO_R1_FALLBACK;

  /** The command-line and report name: {@code first-tag} or {@code video-r1}. */
  public String cliName() {
    return this == FIRST_ANSWER_TAG ? "first-tag" : "video-r1";
  }

  @Override
  public String toString() {
    return cliName();
  }

  public String extract(String output) {
    if (AnswerExtractor.hasAnswer(output)) {
      return AnswerExtractor.videoR1(output);
    }
    return this == VIDEO_R1_FALLBACK ? output : "";
  }
}
