package dev.videop2r.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded judge for the synthetic world: an observation is sufficient iff it states every fact the
 * question needs ({@link FactText#states}). A query without needed facts cannot be judged this way and gets no
 * score, so real data never silently passes.
 */
public final class SyntheticJudge implements Judge {

  @Override
  public String id() {
    return "synthetic";
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
    if (missing.isEmpty()) {
      return Judgement.sufficient("all " + query.neededFacts().size() + " needed facts are stated");
    }
    return Judgement.insufficient("missing " + missing.size() + " of " + query.neededFacts().size()
        + " needed facts: " + String.join(" | ", missing));
  }
}
