package dev.videop2r.evaluation;

/**
 * Reads a response's reasoning and names the option it implies (paper Table 6, think–answer mismatch).
 * The pipeline's LLM judges plug in through {@link PromptedThinkAnswerJudge}; {@link RuleThinkAnswerJudge}
 * is the deterministic one for tests and the quickstart.
 */
public interface ThinkAnswerJudge {

  /** The judge's reading of one reasoning trace. */
  sealed interface Verdict {
    /** The reasoning points to this option letter. */
    record Implied(String letter) implements Verdict {}

    /** The reasoning points to no option (it guesses, or stops short). */
    record NoneImplied() implements Verdict {}

    /** The judge could not give a verdict (call failed, unreadable reply): left out of the rate, counted. */
    record NoScore(String reason) implements Verdict {}
  }

  Verdict impliedAnswer(EvalItem item, String think);
}
