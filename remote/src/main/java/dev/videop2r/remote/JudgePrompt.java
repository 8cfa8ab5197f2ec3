package dev.videop2r.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import java.util.Locale;

/**
 * The text-only sufficiency question put to a model judge (method spec §2 step 3), and the reading of its
 * answer. The judge sees only the observation, the question and the ground-truth answer, never the media, and
 * answers with one JSON object; anything else is "no score", never a guess.
 */
public final class JudgePrompt {

  public static final String SYSTEM =
      "You check whether a written observation of a video or image holds enough visual evidence to answer a"
          + " question. You do not see the video or image. You see the question, its correct answer, and an"
          + " observation written by someone who watched it. The observation is sufficient if a careful reader"
          + " who knows only the visual facts it states (and general world knowledge) can reach the correct"
          + " answer. It is insufficient if a visual fact the answer depends on is missing, vague or contradicted."
          + " Ignore style and length. Reply with one JSON object and nothing else:"
          + " {\"sufficient\": true or false, \"reason\": \"one short sentence\"}";

  private static final ObjectMapper JSON = Json.MAPPER;

  private JudgePrompt() {}

  /** The user message for one query. */
  public static String user(JudgeQuery q) {
    return "Question:\n" + q.question().strip() + "\n\nCorrect answer: " + q.groundTruth().strip()
        + "\n\nObservation:\n" + q.observation().strip();
  }

  /** Reads the judge's reply; an unreadable reply is no score. */
  public static Judgement read(String reply) {
    String text = reply == null ? "" : reply.strip();
    int open = text.indexOf('{');
    int close = text.lastIndexOf('}');
    if (open >= 0 && close > open) {
      try {
        JsonNode n = JSON.readTree(text.substring(open, close + 1));
        JsonNode verdict = n.get("sufficient");
        String reason = n.path("reason").asText("");
        if (verdict != null && (verdict.isBoolean() || verdict.isTextual())) {
          String v = verdict.asText().strip().toLowerCase(Locale.ROOT);
          if (v.equals("true")) {
            return Judgement.sufficient(reason);
          }
          if (v.equals("false")) {
            return Judgement.insufficient(reason);
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // fall through: not the JSON we asked for
      }
    }
    return Judgement.noScore("unreadable judge reply: " + abbreviate(text));
  }

  private static String abbreviate(String t) {
    return t.length() <= 120 ? '"' + t + '"' : '"' + t.substring(0, 117) + "...\"";
  }
}
