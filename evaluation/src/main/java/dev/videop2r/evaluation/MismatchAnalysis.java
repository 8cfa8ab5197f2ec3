package dev.videop2r.evaluation;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Think–answer mismatch (paper §12, Table 6): a judge reads the {@code <think>} segment and names the
 * answer it implies; the response mismatches when that differs from its {@code <answer>}. Computed on
 * the multiple-choice items, as in the paper; the answer letter is read leniently ("(B)" is B) so format
 * does not count as mismatch.
 */
public final class MismatchAnalysis {

  private static final Pattern THINK = Pattern.compile("<think>\\s*(.*?)\\s*</think>", Pattern.DOTALL);

  private final ThinkAnswerJudge judge;
  private final String judgeName;

  public MismatchAnalysis(ThinkAnswerJudge judge, String judgeName) {
    this.judge = judge;
    this.judgeName = judgeName;
  }

  public MismatchReport analyse(LoadedAnnotations annotations, Map<String, Prediction> predictions) {
    int items = 0;
    int judged = 0;
    int mismatched = 0;
    int incomplete = 0;
    int noneImplied = 0;
    int noScore = 0;
    int unusable = 0;
    List<RecordError> errors = new ArrayList<>();
    for (EvalItem item : annotations.items()) {
      if (item.kind() != ProblemType.MULTIPLE_CHOICE) {
        continue;
      }
      items++;
      Prediction p = predictions.get(item.id());
      if (p == null || p.failed()) {
        unusable++;
        continue;
      }
      Matcher think = THINK.matcher(p.output());
      String answer = AnswerExtraction.FIRST_ANSWER_TAG.extract(p.output());
      if (!think.find() || answer.isEmpty()) {
        incomplete++;
        continue;
      }
      switch (judge.impliedAnswer(item, think.group(1))) {
        case ThinkAnswerJudge.Verdict.Implied implied -> {
          judged++;
          if (!implied.letter().equals(ItemScorer.lenientLetter(answer, item.optionLetters()))) {
            mismatched++;
          }
        }
        case ThinkAnswerJudge.Verdict.NoneImplied none -> noneImplied++;
        case ThinkAnswerJudge.Verdict.NoScore failed -> {
          noScore++;
          errors.add(new RecordError("problem_id " + item.id(), failed.reason()));
        }
      }
    }
    return new MismatchReport(
        annotations.benchmark().cliName(),
        judgeName,
        items,
        judged,
        mismatched,
        judged == 0 ? 0 : 100.0 * mismatched / judged,
        incomplete,
        noneImplied,
        noScore,
        unusable,
        errors);
  }
}
