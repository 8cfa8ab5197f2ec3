package dev.videop2r.pipeline;

import dev.videop2r.data.SampledFrames;
import dev.videop2r.data.Sample;

/**
 * What a teacher sees for one sample.
 *
 * @param sample the VQA record (the synthetic teacher reads its facts, rationale and solution)
 * @param prompt the full user prompt: question, process-aware template instruction and type suffix
 * @param frames the sampled media; null when the teacher said it does not need frames
 */
public record TeacherInput(Sample sample, String prompt, SampledFrames frames) {}
