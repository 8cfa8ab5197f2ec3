package dev.videop2r.pipeline;

import dev.videop2r.template.Segment;

/**
 * The embedded judge for the synthetic world: an observation is sufficient iff it states every fact the
 * question needs and nothing else ({@link FactText#cover}). The paper's judge answers
 * the question from the observation alone, so a made-up event (an extra colour change, a word never shown) makes
 * the observation misleading, not more complete; without the second rule RL learns to pad observations with
 * guesses. A fact the sample lists twice (a colour it turns to twice) must be stated twice. A query without
 * needed facts cannot be judged this way and gets no score, so real data never silently passes.
 */
public final class SyntheticJudge implements Judge {

  @Override
  public String id() {
    // Names the rule, so that verdicts cached under the older "states the needed facts" rule are not reused.
    return "synthetic-exact";
  }

  @Override
  public java.util.Optional<String> cannotJudge(dev.videop2r.data.Sample sample) {
    return sample.facts().isEmpty()
        ? java.util.Optional.of("the synthetic judge needs each record's facts, and this record has none")
        : java.util.Optional.empty();
  }

  @Override
  public Judgement judge(JudgeQuery query) {
    if (query.neededFacts().isEmpty()) {
      return Judgement.noScore("the synthetic judge needs the sample's facts; this sample has none");
    }
    FactText.Coverage coverage = FactText.cover(untagged(query.observation()), query.neededFacts());
    if (!coverage.missing().isEmpty()) {
      return Judgement.insufficient("missing " + coverage.missing().size() + " of " + query.neededFacts().size()
          + " needed facts: " + String.join(" | ", coverage.missing()));
    }
    if (!coverage.beyond().isEmpty()) {
      return Judgement.insufficient("states more than the needed facts: " + coverage.beyond());
    }
    return Judgement.sufficient("all " + query.neededFacts().size() + " needed facts are stated, nothing else");
  }

  /** The observation without the template tag at either end (it reaches the judge as the rollout wrote it). */
  private static String untagged(String observation) {
    String text = observation.strip();
    for (Segment segment : Segment.values()) {
      if (text.startsWith(segment.openTag())) {
        text = text.substring(segment.openTag().length());
      }
      if (text.endsWith(segment.closeTag())) {
        text = text.substring(0, text.length() - segment.closeTag().length());
      }
    }
    return text;
  }
}
