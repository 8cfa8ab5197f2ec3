package dev.videop2r.training.rl;

import dev.videop2r.training.RolloutPrompt;
import java.util.List;
import java.util.Map;

/**
 * One step's rollouts, prepared for the update: per rollout (prompt-major, index p·G + r) its per-token
 * advantages, aggregation weights and reference log-probs, plus the metrics of how it was made.
 *
 * @param advantages per-token advantages; null before scoring (the reference pass needs only the tokens)
 * @param weights per-token aggregation weights; null before scoring
 * @param refLogProbs log π_ref per completion token; null when β = 0
 */
record RolloutBatch(List<RolloutPrompt> prompts, int groupSize, List<Rollout> rollouts,
                    float[][] advantages, float[][] weights,
                    float[][] refLogProbs, Map<String, Object> metrics) {

  RolloutPrompt promptOf(int rollout) {
    return prompts.get(rollout / groupSize);
  }

  long lossTokens() {
    long n = 0;
    for (float[] w : weights) {
      for (float x : w) {
        n += x > 0 ? 1 : 0;
      }
    }
    return n;
  }
}
