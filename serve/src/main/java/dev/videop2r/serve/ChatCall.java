package dev.videop2r.serve;

import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.training.MediaInputs;
import java.util.List;

/**
 * A validated {@code /v1/chat/completions} request.
 *
 * @param model the served model's name or a runtime adapter's
 * @param system the system turn's text, or null for the chat template's default
 * @param text the user turn's text (its text parts joined, as Qwen's template does)
 * @param visual the user turn's one image or video, or null
 * @param n completions asked for
 * @param generation decoding settings; its seed is the request's (or a drawn one)
 * @param stop strings that end a completion (cut from the text)
 * @param logprobs whether to return each token's log-probability
 * @param topLogprobs alternatives per position (0 = none)
 * @param returnTokenIds vLLM's {@code return_token_ids}: prompt and completion token ids in the reply
 */
record ChatCall(String model, String system, String text, MediaInputs.Encoded visual, int n, boolean stream, boolean includeUsage,
    GenerationConfig generation, List<String> stop, boolean logprobs, int topLogprobs, boolean returnTokenIds) {

  ChatCall {
    stop = List.copyOf(stop);
  }
}
