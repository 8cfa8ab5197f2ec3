package dev.videop2r.pipeline;

import dev.videop2r.data.Sample;
import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.reward.TaskMetrics;
import dev.videop2r.template.ParseMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ParsedSegment;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import java.util.Locale;

/**
 * Step 2: the response must follow the process-aware template strictly (any defect drops it) and its answer must
 * score at least {@code threshold} under the problem type's task metric. The paper drops samples "scoring below
 * 0.6", so 0.6 itself passes (Video-R1's script kept only {@code reward > 0.6}; for the binary metrics the two
 * agree).
 */
public final class TemplateVerifier implements Verifier {

  private final ResponseParser parser = new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.STRICT);
  private final double threshold;
  private final ScoringMode mode;

  public TemplateVerifier(double threshold, ScoringMode mode) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("verification threshold must be in [0, 1], got " + threshold);
    }
    this.threshold = threshold;
    this.mode = mode;
  }

  @Override
  public Verification verify(Sample sample, String response) {
    String truth = AnswerExtractor.groundTruth(sample.solution());
    ParsedResponse parsed = parser.parse(response);
    if (!parsed.wellFormed()) {
      String answer = AnswerExtractor.videoR1(response);
      double score = TaskMetrics.score(sample.problemType(), answer, truth, sample.options(), mode);
      return new Verification(false, score, "broken template: " + String.join(", ", parsed.defectMessages()),
          null, null, answer);
    }
    ParsedSegment answerSegment = parsed.answer().orElseThrow();
    String answer = answerSegment.content();
    double score = TaskMetrics.score(sample.problemType(), answer, truth, sample.options(), mode);
    String observation = parsed.observation().orElseThrow().outer().of(response);
    String think = parsed.think().orElseThrow().outer().of(response);
    String verdict = String.format(Locale.ROOT, "score %.4f %s %.2f (answer '%s', ground truth '%s')", score,
        score >= threshold ? ">=" : "<", threshold, answer, truth);
    return new Verification(score >= threshold, score, verdict, observation, think, answer);
  }
}
