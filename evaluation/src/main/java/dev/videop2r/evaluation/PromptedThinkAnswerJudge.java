package dev.videop2r.evaluation;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An LLM think–answer judge behind any text completion function (a remote chat client, a local model).
 * The paper's judge prompt (its Fig. 14) is not in the text; ours asks for one letter or NONE and is
 * documented in docs/evaluation.md.
 */
public final class PromptedThinkAnswerJudge implements ThinkAnswerJudge {

  private static final Pattern REPLY = Pattern.compile("\\b(NONE|[A-J])\\b");

  private final Function<String, String> complete;

  /** @param complete sends a prompt, returns the reply; it may throw (the item then gets no score) */
  public PromptedThinkAnswerJudge(Function<String, String> complete) {
    this.complete = complete;
  }

  public static String prompt(EvalItem item, String think) {
    StringBuilder p = new StringBuilder();
    p.append("Below are a multiple-choice question and the reasoning a model wrote while answering it.\n")
        .append("Read ONLY the reasoning and decide which option it leads to. Ignore what the final answer")
        .append(" might be; judge the reasoning alone.\n\nQuestion: ")
        .append(item.problem())
        .append("\nOptions:\n");
    item.options().forEach(o -> p.append(o).append('\n'));
    p.append("\nReasoning:\n")
        .append(think)
        .append("\n\nReply with the single option letter the reasoning implies, or NONE if it implies no option.");
    return p.toString();
  }

  @Override
  public Verdict impliedAnswer(EvalItem item, String think) {
    String reply;
    try {
      reply = complete.apply(prompt(item, think));
    } catch (RuntimeException e) {
      return new Verdict.NoScore("judge call failed: " + e.getMessage());
    }
    Matcher m = REPLY.matcher(reply == null ? "" : reply.strip());
    if (!m.find()) {
      return new Verdict.NoScore("judge reply names no letter: '" + reply + "'");
    }
    if (m.group(1).equals("NONE")) {
      return new Verdict.NoneImplied();
    }
    return item.optionLetters().contains(m.group(1))
        ? new Verdict.Implied(m.group(1))
        : new Verdict.NoScore("judge named '" + m.group(1) + "', not an option letter");
  }
}
