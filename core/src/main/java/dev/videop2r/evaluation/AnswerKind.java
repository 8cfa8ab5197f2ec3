package dev.videop2r.evaluation;

import java.util.Locale;

/** How a benchmark item is scored; the Video-R1 {@code problem_type} spelling decides it. */
public enum AnswerKind {
  /** A letter among lettered options; accuracy. */
  MULTIPLE_CHOICE("multiple choice"),
  /** A number compared exactly after rounding to two decimals; accuracy. */
  NUMERICAL("numerical"),
  /** A number scored by mean relative accuracy (VSI-Bench's numeric questions). */
  REGRESSION("regression");

  private final String videoR1Name;

  AnswerKind(String videoR1Name) {
    this.videoR1Name = videoR1Name;
  }

  /** The Video-R1 {@code problem_type} spelling. */
  public String videoR1Name() {
    return videoR1Name;
  }

  /** Parses a Video-R1 {@code problem_type}; the eval files use only these three types. */
  public static AnswerKind fromVideoR1(String problemType) {
    String wanted = problemType == null ? "" : problemType.trim().toLowerCase(Locale.ROOT);
    for (AnswerKind kind : values()) {
      if (kind.videoR1Name.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "problem_type '" + problemType + "' is not scored in evaluation (expected 'multiple choice', "
            + "'numerical' or 'regression')");
  }
}
