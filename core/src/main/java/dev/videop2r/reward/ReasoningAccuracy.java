package dev.videop2r.reward;

import dev.videop2r.data.ProblemType;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ParsedSegment;
import java.util.List;
import java.util.Optional;

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

  /**
   * Video-R1's {@code accuracy_reward} on one record, degenerate inputs included (its {@code grpo.py}): the
   * problem type must be spelled exactly as Video-R1 compares it, anything else (other cases, extra spaces, empty,
   * absent) scores 0.0; the ground truth is its answer regex applied to the solution
   * ({@link AnswerExtractor#groundTruth(String, ScoringMode)}: "" when the solution has no complete answer element);
   * a solution that is not text makes its regex raise, which its handler scores 0.0.
   *
   * @param problemType the record's problem_type as written; null when absent or not text
   * @param groundTruth the ground truth as Video-R1 reads it; null when the solution is not text
   * @return the extracted answer ("" when none) and the score
   */
  public static Result videoR1(String problemType, String completion, String groundTruth) {
    String answer = AnswerExtractor.videoR1(completion);
    Optional<ProblemType> type = ProblemType.videoR1(problemType);
    if (type.isEmpty() || groundTruth == null) {
      return new Result(answer, 0.0);
    }
    return new Result(answer, TaskMetrics.score(type.get(), answer, groundTruth, List.of(), ScoringMode.VIDEO_R1));
  }
}
