package dev.videop2r.pipeline;

import dev.videop2r.template.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The embedded judge for the synthetic world: an observation is sufficient iff it states every fact the
 * question needs ({@link FactText#states}) and nothing else ({@link FactText#beyond}). The paper's judge answers
 * the question from the observation alone, so a made-up event (an extra colour change, a word never shown) makes
 * the observation misleading, not more complete; without the second rule RL learns to pad observations with
 * guesses. A query without needed facts cannot be judged this way and gets no score, so real data never silently
 * passes.
 */
public final class SyntheticJudge implements Judge {
  /** The template's tag names: the observation reaches the judge with its tags. */
  private static final Set<String> TAG_WORDS = Arrays.stream(Segment.values()).map(Segment::tagName)
      .collect(Collectors.toUnmodifiableSet());

  @Override
  public String id() {
    // Names the rule, so that verdicts cached under the older "states the needed facts" rule are not reused.
    return "synthetic-exact";
  }

  @Override
  public Judgement judge(JudgeQuery query) {
    if (query.neededFacts().isEmpty()) {
      return Judgement.noScore("the synthetic judge needs the sample's facts; this sample has none");
    }
    List<String> missing = new ArrayList<>();
    for (String fact : query.neededFacts()) {
      if (!FactText.states(query.observation(), fact)) {
        missing.add(fact);
      }
    }
    if (!missing.isEmpty()) {
      return Judgement.insufficient("missing " + missing.size() + " of " + query.neededFacts().size()
          + " needed facts: " + String.join(" | ", missing));
    }
    String beyond = FactText.beyond(query.observation(), query.neededFacts(), TAG_WORDS);
    if (!beyond.isEmpty()) {
      return Judgement.insufficient("states more than the needed facts: " + beyond);
    }
    return Judgement.sufficient("all " + query.neededFacts().size() + " needed facts are stated, nothing else");
  }
}
