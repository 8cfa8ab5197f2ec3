package dev.videop2r.pipeline;

import dev.videop2r.data.Sample;
import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.template.Prompts;
import java.util.List;
import java.util.Objects;

/**
 * What the sufficiency judge is asked about. A model judge sees only the observation, the question and the
 * ground-truth answer (never the media); {@code neededFacts} is the synthetic world's ground truth, read only by
 * the synthetic judge and empty for real data.
 *
 * @param question the question as posed to the teacher (options included for multiple choice)
 * @param groundTruth the ground-truth answer text (inside the solution's answer tags)
 * @param observation the observation segment to judge (with or without its tags)
 * @param neededFacts the perception facts the question needs (synthetic world only)
 */
public record JudgeQuery(String question, String groundTruth, String observation, List<String> neededFacts) {

  public JudgeQuery {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(groundTruth, "groundTruth");
    Objects.requireNonNull(observation, "observation");
    neededFacts = neededFacts == null ? List.of() : List.copyOf(neededFacts);
  }

  /**
   * A query for {@code observation} about {@code sample}: the question as the teacher saw it (Video-R1
   * assembly, options included) and the answer text inside the solution's tags.
   */
  public static JudgeQuery of(Sample sample, String observation) {
    return new JudgeQuery(Prompts.question(sample.problemType(), sample.problem(), sample.options()),
        AnswerExtractor.groundTruth(sample.solution()), observation, sample.facts());
  }
}
