package dev.videop2r.evaluation;

/**
 * The model seam of evaluation: a prompt plus (optionally) a video in, the model's raw output text out.
 * The local Qwen2.5-VL generator and an OpenAI-compatible endpoint both plug in here; they own frame
 * sampling, so evaluation stays free of native code.
 */
public interface AnswerModel extends AutoCloseable {

  /**
   * Answers one request. Throwing marks only this item as failed (it is journaled with the message and
   * scores 0); the run goes on.
   */
  String answer(AnswerRequest request) throws Exception;

  /** A short description for run files ("local:/models/videop2r", "endpoint:qwen2.5-vl-7b"). */
  String describe();

  @Override
  default void close() throws Exception {}
}
