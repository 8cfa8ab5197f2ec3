package dev.videop2r.evaluation;

/** The user-turn text for an item (question, options and answer instruction). */
@FunctionalInterface
public interface PromptBuilder {
  String prompt(EvalItem item);
}
