package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.ProblemType;
import dev.videop2r.template.PythonText;
import dev.videop2r.template.ResponseParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Replays golden values computed by real Python (core/src/test/python/videor1_reference.py: Video-R1's reward
 * functions, Python's float/round/re/str and numpy's linspace) and requires identical results.
 */
class VideoR1GoldenTest {

  private static List<JsonNode> golden() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        VideoR1GoldenTest.class.getResourceAsStream("videor1-golden.jsonl")), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        rows.add(json.readTree(line));
      }
    }
    return rows;
  }

  @Test
  void accuracyFormatExtractionAndPythonStringsMatchPython() throws IOException {
    ResponseParser parser = ResponseParser.lenient();
    int cases = 0;
    int nonZero = 0;
    for (JsonNode row : golden()) {
      if (!row.has("completion")) {
        continue;
      }
      cases++;
      String completion = row.get("completion").asText();
      String solution = row.get("solution").asText();
      ProblemType type = ProblemType.parse(row.get("problem_type").asText());
      String where = row.toString();
      double accuracy = ReasoningAccuracy.score(type, parser.parse(completion),
          AnswerExtractor.groundTruth(solution), List.of(), ScoringMode.VIDEO_R1).score();
      assertEquals(row.get("accuracy").asDouble(), accuracy, 0.0, where);
      nonZero += accuracy > 0 ? 1 : 0;
      assertEquals(row.get("format").asDouble(), FormatReward.videoR1(completion), 0.0, where);
      assertEquals(row.get("extracted").asText(), AnswerExtractor.videoR1(completion), where);
      assertEquals(row.get("strip").asText(), PythonText.strip(completion), where);
      List<String> split = new ArrayList<>();
      row.get("split").forEach(w -> split.add(w.asText()));
      assertEquals(split, PythonText.split(completion), where);
    }
    assertTrue(cases > 1000, "golden file holds " + cases + " reward cases");
    assertTrue(nonZero > 50, nonZero + " cases score above 0");
  }

  @Test
  void officialMraMatchesNumpy() throws IOException {
    int cases = 0;
    for (JsonNode row : golden()) {
      if (row.has("mra_official")) {
        cases++;
        assertEquals(row.get("mra_official").asDouble(), MeanRelativeAccuracy.score(
            row.get("mra_prediction").asDouble(), row.get("mra_target").asDouble(),
            MeanRelativeAccuracy.Convention.OFFICIAL), 0.0, row.toString());
      }
    }
    assertEquals(70, cases);
  }
}
