package dev.videop2r.cli.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.ProblemType;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.reward.FormatReward;
import dev.videop2r.reward.ProcessRewards;
import dev.videop2r.reward.ReasoningAccuracy;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ParsedSegment;
import dev.videop2r.template.ParseMode;
import dev.videop2r.template.PythonText;
import dev.videop2r.template.ResponseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Scores one input record in place (adds the output fields), or throws with a message naming the field. */
final class RecordScorer {

  /** What the summary needs from one scored record. */
  record Scored(Optional<ProblemType> type, double reasoningAccuracy, double perceptionFormat, double reasoningFormat,
      Optional<Judgement.Verdict> verdict, Optional<Double> perceptionReward) {}

  private final RewardConfig config;
  private final ResponseParser parser;
  private final ProcessRewards rewards;
  private final Judgments judgments;

  RecordScorer(RewardConfig config, Judgments judgments) {
    this.config = config;
    this.parser = new ResponseParser(config.template(), ParseMode.LENIENT);
    this.rewards = new ProcessRewards(config);
    this.judgments = judgments;
  }

  Scored score(ObjectNode record) {
    String completion = text(record, "completion");
    List<String> options = options(record);
    if (judgments != null && !record.hasNonNull("id")) {
      throw new IllegalArgumentException("missing field 'id' (needed to find its judgement)");
    }
    ParsedResponse parsed = parser.parse(completion);
    Optional<ProblemType> type;
    String groundTruth;
    ReasoningAccuracy.Result accuracy;
    if (config.mode() == ScoringMode.VIDEO_R1) {
      // Video-R1 scores what it cannot read as 0.0 (its exception handler, its final else): so does this mode.
      String typeText = textOrNull(record, "problem_type");
      type = ProblemType.videoR1(typeText);
      groundTruth = videoR1GroundTruth(record);
      accuracy = ReasoningAccuracy.videoR1(typeText, completion, groundTruth);
    } else {
      JsonNode typeNode = record.get("problem_type");
      if (typeNode == null || !typeNode.isTextual()) {
        throw new IllegalArgumentException("missing text field 'problem_type'");
      }
      type = Optional.of(ProblemType.parse(typeNode.asText()));
      groundTruth = AnswerExtractor.groundTruth(groundTruthField(record));
      accuracy = ReasoningAccuracy.score(type.get(), parsed, groundTruth, options, config.mode());
    }

    double pFormat = FormatReward.perception(parsed, config.mode());
    double rFormat = FormatReward.reasoning(parsed, config.mode());

    record.put("answer", accuracy.answer());
    record.put("ground_truth", groundTruth);
    record.put("reasoning_accuracy", accuracy.score());
    record.put("perception_format", pFormat);
    record.put("reasoning_format", rFormat);
    record.put("observation", parsed.observation().map(ParsedSegment::content).orElse(null));
    record.put("think", parsed.think().map(ParsedSegment::content).orElse(null));
    ArrayNode errors = record.putArray("parse_errors");
    parsed.defectMessages().forEach(errors::add);

    Optional<Judgement.Verdict> verdict = Optional.empty();
    Optional<Double> perceptionReward = Optional.empty();
    if (judgments != null) {
      Optional<Judgement> judgement = judgments.judgement(record.get("id"));
      verdict = judgement.map(Judgement::verdict);
      Optional<Double> pAccuracy = judgement.flatMap(Judgement::perceptionAccuracy);
      int perceptionWords = parsed.observation().map(o -> wordCount(o.outer().of(completion))).orElse(0);
      int reasoningWords = wordCount(completion) - perceptionWords;
      RewardBreakdown r = rewards.score(parsed, accuracy.score(), pAccuracy, perceptionWords, reasoningWords);
      perceptionReward = r.perception();
      record.put("perception_judgement", verdict.map(Judgments::wireName).orElse("missing"));
      record.put("perception_reward", perceptionReward.orElse(null));
      record.put("reasoning_reward", r.reasoning());
      record.put("perception_length_words", perceptionWords);
      record.put("reasoning_length_words", reasoningWords);
    }
    return new Scored(type, accuracy.score(), pFormat, rFormat, verdict, perceptionReward);
  }

  /** Lengths in whitespace-separated words: {@code score} has no tokenizer (see docs/core.md). */
  private static int wordCount(String s) {
    return PythonText.split(s).size();
  }

  private static String text(ObjectNode record, String field) {
    JsonNode n = record.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, got " + n.getNodeType());
    }
    return n.asText();
  }

  private static String textOrNull(ObjectNode record, String field) {
    JsonNode n = record.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  /**
   * The ground truth Video-R1 would read from {@code solution}: its answer regex's match, "" without one; null
   * (scores 0.0, as Video-R1's regex raises on it) when {@code solution} is present but not text. A record without
   * {@code solution} gives its bare {@code answer} (this tool's extension; Video-R1 has no such field).
   */
  private static String videoR1GroundTruth(ObjectNode record) {
    if (record.has("solution")) {
      String solution = textOrNull(record, "solution");
      return solution == null ? null : AnswerExtractor.groundTruth(solution, ScoringMode.VIDEO_R1);
    }
    return PythonText.strip(groundTruthField(record));
  }

  private static String groundTruthField(ObjectNode record) {
    if (record.hasNonNull("solution")) {
      return scalarText(record, "solution");
    }
    if (record.hasNonNull("answer")) {
      return scalarText(record, "answer");
    }
    throw new IllegalArgumentException("missing ground truth: give 'solution' or 'answer'");
  }

  /** A ground truth may be written as a JSON number (e.g. "answer": 42). */
  private static String scalarText(ObjectNode record, String field) {
    JsonNode n = record.get(field);
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isNumber()) {
      return n.asText();
    }
    throw new IllegalArgumentException("field '" + field + "' must be a string or number, got " + n.getNodeType());
  }

  private static List<String> options(ObjectNode record) {
    JsonNode n = record.get("options");
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException("field 'options' must be a list of strings");
    }
    List<String> options = new ArrayList<>();
    for (JsonNode o : n) {
      if (!o.isTextual()) {
        throw new IllegalArgumentException("field 'options' must be a list of strings, got " + o.getNodeType());
      }
      options.add(o.asText());
    }
    return options;
  }
}
