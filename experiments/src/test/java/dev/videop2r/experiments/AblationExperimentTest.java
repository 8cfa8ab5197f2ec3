package dev.videop2r.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.evaluation.SyntheticEvaluation;
import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.template.ResponseTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AblationExperimentTest {

  @Test
  void theTableHasThePapersRowsInItsOrderWithItsAveragesAndWithoutPerceptionIsTheGrpoRun() {
    List<Table2Row> rows = Table2Row.paper();
    assertEquals(List.of("SFT only", "RL only", "Process-agnostic RL (SFT + GRPO)",
        "Process-agnostic SFT (think/answer only)", "w/o perception reward (= the GRPO run)", "w/o length reward", "w/o separation", "w/o format reward",
        "VideoP2R (SFT + PA-GRPO)"), rows.stream().map(Table2Row::label).toList());
    assertEquals(List.of(55.6, 56.0, 56.4, 53.5, 56.4, 57.7, 57.4, 55.3, 58.7),
        rows.stream().map(Table2Row::paperAverage).toList());
    assertEquals(rows.get(2).run(), rows.get(4).run(), "removing R_p leaves GRPO's single reasoning reward");
    assertEquals(8, Table2Row.runs(rows).size(), "eight runs behind nine rows");
    RlVariant agnostic = rows.get(3).run();
    assertEquals(ResponseTemplate.THINK_ANSWER, agnostic.template());
    assertTrue(agnostic.sft() && !agnostic.rl(), "process-agnostic SFT is an SFT-only run");
    assertTrue(Table2Row.runs(rows).stream().filter(v -> v != agnostic)
        .allMatch(v -> v.template() == ResponseTemplate.PROCESS_AWARE));
    assertEquals(Set.of(Ablation.NO_FORMAT_REWARD), RlVariant.NO_FORMAT.objective().ablations());

    SyntheticEvaluation.Metrics m = new SyntheticEvaluation.Metrics(0.5, 0.25, 0.75, 1.0, 4);
    Map<RlVariant, List<SyntheticEvaluation.Scores>> scores = new java.util.LinkedHashMap<>();
    for (RlVariant v : Table2Row.runs(rows)) {
      scores.put(v, List.of(new SyntheticEvaluation.Scores(v.name(), Map.of(), m)));
    }
    QuickstartReport report = new QuickstartReport("t");
    AblationExperiment.table(report, scores);
    List<String> lines = report.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Variant"))
        .toList();
    assertEquals(9, lines.size(), report.toString());
    assertTrue(lines.get(3).startsWith("| Process-agnostic SFT (think/answer only) | 53.5 |"), lines.get(3));
    assertTrue(lines.get(3).endsWith("| **50.0** | n/a | 100.0 |"), lines.get(3));
    assertTrue(lines.get(4).startsWith("| w/o perception reward (= the GRPO run) | 56.4 |"), lines.get(4));
    assertTrue(lines.get(4).endsWith("| **50.0** | 25.0 | 100.0 |"), lines.get(4));
    assertTrue(lines.get(7).startsWith("| w/o format reward | 55.3 |"), lines.get(7));
  }

  @Test
  void rlOnTheThinkAnswerTemplateIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RlVariant("x", true,
        RlObjective.of(Algorithm.GRPO), ResponseTemplate.THINK_ANSWER));
    assertEquals("x: RL runs on the process-aware template only, not THINK_ANSWER", e.getMessage());
  }
}
