package dev.videop2r.pipeline;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;

/**
 * The journaled result of one input sample.
 *
 * @param number the sample's 1-based record number in the input
 * @param problemId the record's problem_id (0 when the record could not be read)
 * @param dataType image or video (null when the record could not be read)
 * @param problemType the record's problem type (null when the record could not be read)
 * @param fate kept, dropped at a step, or errored
 * @param step where the fate was decided
 * @param score the task-metric score of the teacher's answer, when it was scored
 * @param reason why: the verification failure, the judge's reason, or the error; for kept samples the judge's
 *     reason
 * @param response the teacher's full response, when there was one
 */
public record SampleOutcome(
    long number,
    long problemId,
    DataType dataType,
    ProblemType problemType,
    Fate fate,
    Step step,
    Double score,
    String reason,
    String response) {}
