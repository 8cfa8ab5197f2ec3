package dev.videop2r.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.evaluation.SyntheticEvaluation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AblationExperimentTest {

  @Test
  void theTableHasThePapersRowsInItsOrderWithItsAveragesAndWithoutPerceptionIsTheGrpoRun() {
    List<Table2Row> rows = Table2Row.paper();
    assertEquals(List.of("SFT only", "RL only", "Process-agnostic RL (SFT + GRPO)",
        "w/o perception reward (= the GRPO run)", "w/o length reward", "w/o separation", "w/o format reward",
        "VideoP2R (SFT + PA-GRPO)"), rows.stream().map(Table2Row::label).toList());
    assertEquals(List.of(55.6, 56.0, 56.4, 56.4, 57.7, 57.4, 55.3, 58.7),
        rows.stream().map(Table2Row::paperAverage).toList());
    assertEquals(rows.get(2).run(), rows.get(3).run(), "removing R_p leaves GRPO's single reasoning reward");
    assertEquals(7, Table2Row.runs(rows).size(), "seven runs behind eight rows");
    assertEquals(Set.of(dev.videop2r.training.rl.Ablation.NO_FORMAT_REWARD), RlVariant.NO_FORMAT.ablations());

    SyntheticEvaluation.Metrics m = new SyntheticEvaluation.Metrics(0.5, 0.25, 0.75, 1.0, 4);
    Map<RlVariant, List<SyntheticEvaluation.Scores>> scores = new java.util.LinkedHashMap<>();
    for (RlVariant v : Table2Row.runs(rows)) {
      scores.put(v, List.of(new SyntheticEvaluation.Scores(v.name(), Map.of(), m)));
    }
    QuickstartReport report = new QuickstartReport("t");
    AblationExperiment.table(report, scores);
    List<String> lines = report.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Variant"))
        .toList();
    assertEquals(8, lines.size(), report.toString());
    assertTrue(lines.get(3).startsWith("| w/o perception reward (= the GRPO run) | 56.4 |"), lines.get(3));
    assertTrue(lines.get(6).startsWith("| w/o format reward | 55.3 |"), lines.get(6));
  }
}
