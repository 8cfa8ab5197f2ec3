package dev.videop2r.reward;

import dev.videop2r.data.ProblemType;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ParsedSegment;
import java.util.List;

/**
 * r_acc^r for one completion: extract the answer, score it with the task metric.
 *
 * <p>Video-R1 extraction: the first {@code <answer>…</answer>} anywhere (even inside think), "" when none, which
 * then scores like any other wrong answer. Corrected extraction: the parser's selected answer segment (top level
 * first); a completion without one scores 0 and its answer is absent.
 */
public final class ReasoningAccuracy {

  /**
   * @param answer the extracted answer, null when there is none (corrected mode only)
   * @param score the task metric in [0, 1]
   */
  public record Result(String answer, double score) {}

  private ReasoningAccuracy() {}

  /**
   * @param parsed the completion parsed with its template (used by the corrected mode)
   * @param groundTruth the ground-truth answer text (see {@link AnswerExtractor#groundTruth})
   */
  public static Result score(ProblemType type, ParsedResponse parsed, String groundTruth, List<String> options,
      ScoringMode mode) {
    String answer = mode == ScoringMode.VIDEO_R1
        ? AnswerExtractor.videoR1(parsed.text())
        : parsed.answer().map(ParsedSegment::content).orElse(null);
    if (answer == null) {
      return new Result(null, 0.0);
    }
    return new Result(answer, TaskMetrics.score(type, answer, groundTruth, options, mode));
  }
}
