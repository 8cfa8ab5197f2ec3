package dev.videop2r.serve;

import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.TokenListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One request's share of a batch: its prompt, n completions under its config (the seed is its own), and where its
 * tokens go while they are made. Requests whose configs differ only in the seed are batched together.
 *
 * @param model the served model's name or a runtime adapter's
 * @param tokens called on the batching thread for each token (rollout, token, log-prob); must not block
 * @param topLogprobs alternatives to compute per generated position after the batch (0 = none)
 */
record GenerationJob(String model, GenerationPrompt prompt, int n, GenerationConfig config, int topLogprobs, TokenListener tokens,
    CompletableFuture<List<GeneratedChoice>> result) {

  /** What batches with what: the same model or adapter, decoding settings (seed aside) and n. */
  record Key(String model, GenerationConfig config, int n) {}

  Key key() {
    return new Key(model, config.withSeed(0), n);
  }

  /**
   * One completion and, when asked for, the top alternatives at each of its positions.
   *
   * @param topIds per position, the ids of the most likely tokens (most likely first); null when not asked
   * @param topLogProbs their log-probabilities
   */
  record GeneratedChoice(Completion completion, long[][] topIds, float[][] topLogProbs) {}
}
