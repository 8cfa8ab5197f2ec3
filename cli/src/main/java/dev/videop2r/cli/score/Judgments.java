package dev.videop2r.cli.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Perception judgements keyed by record id, read from JSONL lines {@code {"id": …, "verdict": "sufficient" |
 * "insufficient" | "no score"}}. A malformed line or a repeated id is an error naming the file and line.
 */
final class Judgments {

  /** A judge's verdict: r_acc^p = 1, 0, or absent. */
  enum Verdict {
    SUFFICIENT,
    INSUFFICIENT,
    NO_SCORE;

    static Verdict parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT).replace('_', ' ')) {
        case "sufficient" -> SUFFICIENT;
        case "insufficient" -> INSUFFICIENT;
        case "no score" -> NO_SCORE;
        default -> throw new IllegalArgumentException(
            "verdict '" + s + "' is not sufficient, insufficient or no score");
      };
    }

    Optional<Double> perceptionAccuracy() {
      return switch (this) {
        case SUFFICIENT -> Optional.of(1.0);
        case INSUFFICIENT -> Optional.of(0.0);
        case NO_SCORE -> Optional.empty();
      };
    }

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private final Map<String, Verdict> byId;

  private Judgments(Map<String, Verdict> byId) {
    this.byId = byId;
  }

  static Judgments read(Path file, ObjectMapper json) throws IOException {
    Map<String, Verdict> byId = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNo;
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              where + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (node == null || !node.isObject() || !node.hasNonNull("id") || !node.path("verdict").isTextual()) {
          throw new IllegalArgumentException(where + ": expected {\"id\": ..., \"verdict\": \"sufficient\"|"
              + "\"insufficient\"|\"no score\"}");
        }
        Verdict verdict;
        try {
          verdict = Verdict.parse(node.get("verdict").asText());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        String id = key(node.get("id"));
        if (byId.putIfAbsent(id, verdict) != null) {
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

  Optional<Verdict> verdict(JsonNode id) {
    return Optional.ofNullable(byId.get(key(id)));
  }

  int size() {
    return byId.size();
  }
}
