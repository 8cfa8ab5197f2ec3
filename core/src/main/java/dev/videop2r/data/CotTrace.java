package dev.videop2r.data;

/**
 * The chain-of-thought part of a CoT record (VideoP2R-CoT-162K, VideoP2R-RL-263K, Video-R1-COT-165k).
 * Fields absent from a given release are null.
 *
 * @param observation the perception segment, tags included ({@code <observation>...</observation>})
 * @param process the reasoning segment ({@code <think>...</think>}; Video-R1-COT-165k has only this)
 * @param output the full response: observation, think and answer
 * @param answer the text inside the response's {@code <answer>} tags
 * @param reward the task-metric score of {@code answer} against the sample's solution
 * @param select whether the pipeline kept the sample
 * @param cleanVersion the release's {@code clean_version} field, passed through unchanged
 */
public record CotTrace(
    String observation,
    String process,
    String output,
    String answer,
    Double reward,
    Boolean select,
    String cleanVersion) {}
