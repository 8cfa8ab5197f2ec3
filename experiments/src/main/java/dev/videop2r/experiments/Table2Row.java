package dev.videop2r.experiments;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of paper Table 2 as the paper runs it (method spec §6, corrected): its label, the paper's 7B average
 * over the seven benchmarks, and the miniature run behind it. "w/o perception reward" is the GRPO run: removing
 * R_p leaves the single reasoning reward, and the paper's numbers for the two rows are equal.
 *
 * @param label the row label
 * @param paperAverage the paper's Table 2 average (Qwen2.5-VL-7B)
 * @param run the miniature run whose scores the row shows
 */
public record Table2Row(String label, double paperAverage, RlVariant run) {

  /** Paper Table 2's rows in its order (method spec §6). */
  public static List<Table2Row> paper() {
    return List.of(
        new Table2Row("SFT only", 55.6, RlVariant.SFT_ONLY),
        new Table2Row("RL only", 56.0, RlVariant.RL_ONLY),
        new Table2Row("Process-agnostic RL (SFT + GRPO)", 56.4, RlVariant.SFT_GRPO),
        new Table2Row("Process-agnostic SFT (think/answer only)", 53.5, RlVariant.PROCESS_AGNOSTIC_SFT),
        new Table2Row("w/o perception reward (= the GRPO run)", 56.4, RlVariant.SFT_GRPO),
        new Table2Row("w/o length reward", 57.7, RlVariant.NO_LENGTH),
        new Table2Row("w/o separation", 57.4, RlVariant.NO_SEPARATION),
        new Table2Row("w/o format reward", 55.3, RlVariant.NO_FORMAT),
        new Table2Row("VideoP2R (SFT + PA-GRPO)", 58.7, RlVariant.SFT_PA_GRPO));
  }

  /** The distinct runs behind {@code rows}, in row order. */
  public static Set<RlVariant> runs(List<Table2Row> rows) {
    Set<RlVariant> runs = new LinkedHashSet<>();
    rows.forEach(r -> runs.add(r.run()));
    return runs;
  }
}
