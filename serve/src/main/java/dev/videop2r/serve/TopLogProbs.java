package dev.videop2r.serve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationPrompt;

/**
 * OpenAI's {@code top_logprobs}: the generator reports only the sampled token's log-probability, so the alternatives
 * come from one extra forward over prompt + completion (log_softmax of the raw logits, the same convention as the
 * sampled token's). Costs one training-style forward per choice; only requests that ask for it pay.
 */
final class TopLogProbs {
  private final VisionLanguageModel model;
  private final NDManager manager;

  TopLogProbs(VisionLanguageModel model, NDManager manager) {
    this.model = model;
    this.manager = manager;
  }

  GenerationJob.GeneratedChoice of(GenerationPrompt prompt, Completion completion, int k) {
    long[] promptIds = prompt.ids();
    long[] tokens = completion.tokens();
    int length = tokens.length;
    if (length == 0) {
      return new GenerationJob.GeneratedChoice(completion, new long[0][], new float[0][]);
    }
    long[] sequence = new long[promptIds.length + length];
    System.arraycopy(promptIds, 0, sequence, 0, promptIds.length);
    System.arraycopy(tokens, 0, sequence, promptIds.length, length);
    long[][] ids = new long[length][k];
    float[][] logProbs = new float[length][k];
    try (NDManager scope = manager.newSubManager()) {
      NDArray input = scope.create(sequence, new Shape(1, sequence.length));
      long[] ones = new long[sequence.length];
      java.util.Arrays.fill(ones, 1L);
      NDArray mask = scope.create(ones, new Shape(1, sequence.length));
      NDArray logits = model.forward(input, mask, prompt.visuals()).toType(DataType.FLOAT32, false);
      // position t predicts token t + 1: the completion's tokens are predicted by [prompt - 1, end - 1)
      NDArray predicting = logits.get(new NDIndex("0, {}:{}", promptIds.length - 1, sequence.length - 1))
          .logSoftmax(-1);
      NDList top = predicting.topK(k, -1, true, true);
      float[] values = top.get(0).toFloatArray();
      long[] indices = top.get(1).toType(DataType.INT64, false).toLongArray();
      for (int t = 0; t < length; t++) {
        System.arraycopy(values, t * k, logProbs[t], 0, k);
        System.arraycopy(indices, t * k, ids[t], 0, k);
      }
    }
    return new GenerationJob.GeneratedChoice(completion, ids, logProbs);
  }
}
