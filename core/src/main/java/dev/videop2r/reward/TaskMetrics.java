package dev.videop2r.reward;

import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * The task metric of each problem type (method spec §4), in [0, 1]: the reasoning accuracy r_acc^r and the
 * CoT pipeline's verification score.
 */
public final class TaskMetrics {

  private TaskMetrics() {}

  /**
   * Scores an extracted answer against the ground-truth answer text.
   *
   * @param options the multiple-choice options ("A. red"); only the corrected mode reads them
   */
  public static double score(ProblemType type, String prediction, String groundTruth, List<String> options,
      ScoringMode mode) {
    return switch (type) {
      case MULTIPLE_CHOICE -> MultipleChoiceMetric.score(prediction, groundTruth, options, mode);
      case NUMERICAL -> NumericalMetric.score(prediction, groundTruth, mode);
      case OCR -> WordErrorRate.score(prediction, groundTruth, mode);
      case FREE_FORM -> RougeMetric.score(prediction, groundTruth, mode);
      case REGRESSION -> RegressionMetric.score(prediction, groundTruth, mode);
    };
  }
}
