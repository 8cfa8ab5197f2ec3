package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeAgreementTest {

  @TempDir Path dir;

  @Test
  void countsAgreementWithLabels() throws Exception {
    Path labels = dir.resolve("labels.jsonl");
    Files.write(labels, List.of(
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"the red ball moves\",\"sufficient\":true,"
            + "\"facts\":[\"The red ball moves.\"]}",
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"nothing\",\"sufficient\":false,"
            + "\"facts\":[\"The red ball moves.\"]}",
        "",
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"nothing\",\"sufficient\":true,"
            + "\"facts\":[\"The red ball moves.\"]}",
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"no facts given\",\"sufficient\":true}"));
    List<JudgeAgreement.Labelled> labelled = JudgeAgreement.read(labels);
    JudgeAgreement.Result r = JudgeAgreement.measure(new SyntheticJudge(), labelled, 2);
    assertEquals(new JudgeAgreement.Result(1, 1, 0, 1, 1), r);
    assertEquals(0.5, r.accuracy());
    assertTrue(r.render().startsWith("judge accuracy 0.5000 (2/4)"), r.render());
  }

  @Test
  void malformedLabelsNameTheLine() throws Exception {
    Path labels = dir.resolve("labels.jsonl");
    Files.write(labels, List.of("{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"o\",\"sufficient\":true}",
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"o\",\"sufficient\":\"yes\"}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JudgeAgreement.read(labels));
    assertTrue(e.getMessage().contains(labels + ":2: field 'sufficient' must be true or false"), e.getMessage());
  }
}
