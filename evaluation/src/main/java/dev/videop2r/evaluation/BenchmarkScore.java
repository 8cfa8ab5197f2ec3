package dev.videop2r.evaluation;

import java.util.List;
import java.util.Map;

/**
 * A benchmark's scores for one run. Percentages (×100). Items without a usable prediction (missing, or
 * failed with an error) count as wrong and are counted here, so a number is never computed on a silently
 * smaller set.
 *
 * @param headline the number of the paper's Table 1 for this benchmark, computed by {@code headlineRule}
 * @param accuracy mean over non-regression items (Video-R1's {@code mean_acc}), null when there are none
 * @param mra mean MRA over regression items (Video-R1's {@code mean_mra}), null when there are none
 * @param overall every overall formula computed for this benchmark, by label
 * @param breakdowns per category key, the category rows in the benchmark's order
 * @param predictionsOutsideSubset predictions for records a subset rule excluded (not scored, not errors)
 * @param errors annotation errors, failed predictions and predictions for unknown ids
 */
public record BenchmarkScore(
    String benchmark,
    String rules,
    String extraction,
    double headline,
    String headlineRule,
    int items,
    int scored,
    int missing,
    int failed,
    int annotationErrors,
    int unknownPredictions,
    int predictionsOutsideSubset,
    Map<String, Integer> excluded,
    Double accuracy,
    Double mra,
    Map<String, Double> overall,
    Map<String, List<CategoryScore>> breakdowns,
    List<RecordError> errors,
    String countNote) {}
