package dev.videop2r.evaluation;

import java.util.ArrayList;
import java.util.List;

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

  /**
   * Answers several requests in one call, in order. The default asks them one by one; a local model
   * overrides it to decode them together. Throwing fails the call as a whole: the runner then asks the
   * requests one by one, so the failure lands on the item that causes it.
   */
  default List<String> answerBatch(List<AnswerRequest> requests) throws Exception {
    List<String> outputs = new ArrayList<>(requests.size());
    for (AnswerRequest request : requests) {
      outputs.add(answer(request));
    }
    return outputs;
  }

  /** A short description for run files ("local:/models/videop2r", "endpoint:qwen2.5-vl-7b"). */
  String describe();

  @Override
  default void close() throws Exception {}
}
