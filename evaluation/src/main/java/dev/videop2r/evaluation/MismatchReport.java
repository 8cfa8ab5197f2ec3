package dev.videop2r.evaluation;

import java.util.List;

/**
 * Think–answer mismatch of one run on one benchmark (paper Table 6), over its multiple-choice items.
 *
 * @param judged items whose reasoning the judge read and tied to an option
 * @param mismatched judged items whose answer differs from the option the reasoning implies
 * @param rate mismatched / judged, in percent (0 when nothing was judged)
 * @param noThinkOrAnswer items whose output lacks a {@code <think>} or {@code <answer>} segment
 * @param noneImplied items whose reasoning implies no option
 * @param noScore items the judge could not score (call failed); never counted as agreement
 * @param failedOrMissing items without a usable prediction
 */
public record MismatchReport(
    String benchmark,
    String judge,
    int multipleChoiceItems,
    int judged,
    int mismatched,
    double rate,
    int noThinkOrAnswer,
    int noneImplied,
    int noScore,
    int failedOrMissing,
    List<RecordError> errors) {}
