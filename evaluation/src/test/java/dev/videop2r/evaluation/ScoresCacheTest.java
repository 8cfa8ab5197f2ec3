package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresCacheTest {

  @Test
  void aFinishedEvaluationIsReadBack(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("scores.json"), """
        {"label": "SFT", "byType": {"OCR": {"reasoningAccuracy": 0.5, "perceptionAccuracy": 0.25, "format": 1.0,
         "agreement": 0.75, "count": 4}},
         "overall": {"reasoningAccuracy": 0.5, "perceptionAccuracy": 0.25, "format": 1.0, "agreement": 0.75,
         "count": 4}}""");
    SyntheticEvaluation.Scores s = SyntheticEvaluation.read(file);
    assertEquals("SFT", s.label());
    assertEquals(0.75, s.overall().agreement());
    assertEquals(4, s.overall().count());
  }

  @Test
  void anEvaluationFromBeforeTheAgreementMetricIsDoneAgainNotReadAsZero(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("scores.json"), """
        {"label": "SFT", "byType": {}, "overall": {"reasoningAccuracy": 0.5, "perceptionAccuracy": 0.25,
         "format": 1.0, "count": 4}}""");
    assertNull(SyntheticEvaluation.read(file));
  }
}
