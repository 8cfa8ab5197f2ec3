package dev.videop2r.cli.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.io.JsonLines;
import dev.videop2r.pipeline.Judgement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Perception judgements keyed by record id, read from JSONL lines {@code {"id": …, "verdict": "sufficient" |
 * "insufficient" | "no score", "reason"?: …}}. A malformed line or a repeated id is an error naming the file and line.
 */
final class Judgments {

  /** Reads a verdict as written in the file: sufficient, insufficient or "no score" (also no_score). */
  static Judgement.Verdict parseVerdict(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT).replace('_', ' ')) {
      case "sufficient" -> Judgement.Verdict.SUFFICIENT;
      case "insufficient" -> Judgement.Verdict.INSUFFICIENT;
      case "no score" -> Judgement.Verdict.NO_SCORE;
      default -> throw new IllegalArgumentException(
          "verdict '" + s + "' is not sufficient, insufficient or no score");
    };
  }

  /** The file's spelling of a verdict. */
  static String wireName(Judgement.Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private final Map<String, Judgement> byId;
  private final Set<String> used = new HashSet<>();

  private Judgments(Map<String, Judgement> byId) {
    this.byId = byId;
  }

  static Judgments read(Path file) throws IOException {
    Map<String, Judgement> byId = new HashMap<>();
    try (JsonLines in = JsonLines.open(file)) {
      for (JsonLines.Line line; (line = in.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String where = line.where();
        JsonNode node = line.json();
        if (node == null || !node.isObject() || !node.hasNonNull("id") || !node.path("verdict").isTextual()) {
          throw new IllegalArgumentException(where + ": expected {\"id\": ..., \"verdict\": \"sufficient\"|"
              + "\"insufficient\"|\"no score\"}");
        }
        Judgement judgement;
        try {
          judgement = new Judgement(parseVerdict(node.get("verdict").asText()), node.path("reason").asText(""));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        String id = key(node.get("id"));
        if (byId.putIfAbsent(id, judgement) != null) {
          throw new IllegalArgumentException(where + ": id " + id + " is judged twice");
        }
      }
    }
    return new Judgments(byId);
  }

  /** Ids compare by their JSON text, so 7 and "7" are different ids. */
  static String key(JsonNode id) {
    return id.toString();
  }

  /** The judgement of a record; marks it as used. */
  Optional<Judgement> judgement(JsonNode id) {
    String key = key(id);
    Judgement j = byId.get(key);
    if (j != null) {
      used.add(key);
    }
    return Optional.ofNullable(j);
  }

  int size() {
    return byId.size();
  }

  /** Judgements whose id matched no record so far (a typo in an id shows up here). */
  int unused() {
    return byId.size() - used.size();
  }
}
