package dev.videop2r.pipeline;

import java.io.IOException;

/**
 * Step 1 of the CoT pipeline: a vision-language model that writes one
 * {@code <observation>…</observation><think>…</think><answer>…</answer>} response per sample.
 * Implementations must be safe to call from many threads at once.
 */
public interface Teacher {

  /** A stable name for logs and journals, e.g. {@code synthetic} or {@code openai:Qwen2.5-VL-72B-Instruct}. */
  String id();

  /** Whether {@link #respond} needs {@link TeacherInput#frames()}; the pipeline skips decoding when not. */
  default boolean needsFrames() {
    return true;
  }

  /**
   * Writes the response text for one sample.
   *
   * @throws IOException when the model cannot be reached or answers unusably after retries; the sample is
   *     then recorded as errored with this message
   */
  String respond(TeacherInput input) throws IOException, InterruptedException;
}
