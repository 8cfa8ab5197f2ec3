package dev.videop2r.model.generate;

import java.util.Arrays;

/**
 * Every decoding knob, named once (HF generate semantics). Logits are processed in HF's order:
 * repetition penalty, then temperature, then top-k, then top-p, then sampling (or argmax when greedy).
 *
 * @param maxNewTokens tokens generated per row at most (the stop token counts)
 * @param greedy argmax instead of sampling; temperature, top-k and top-p are then ignored (HF do_sample=False)
 * @param temperature logits are divided by it before sampling; must be &gt; 0
 * @param topK keep the k most likely tokens (ties at the k-th logit kept, as HF); 0 = off
 * @param topP nucleus: keep the most likely tokens whose probability mass reaches top_p (HF rule); 1 = off
 * @param repetitionPenalty HF/CTRL penalty on every token already in the row (prompt included): a logit &lt; 0
 *     is multiplied by it, otherwise divided; 1 = off
 * @param stopTokens a row ends after emitting any of these (the stop token is returned, with its log-prob)
 * @param seed sampling is reproducible for the same seed, prompts, rollout count and config
 * @param useCache true: one prefill then one-token KV-cached steps; false: a full forward over the whole
 *     sequence for every new token (reference path for tests and the cache benchmark)
 */
public record GenerationConfig(int maxNewTokens, boolean greedy, double temperature, int topK, double topP,
                               double repetitionPenalty, long[] stopTokens, long seed, boolean useCache) {

  public GenerationConfig {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0 (use greedy for argmax), got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0)) {
      throw new IllegalArgumentException("repetitionPenalty must be > 0 (1 = off), got " + repetitionPenalty);
    }
    stopTokens = stopTokens == null ? new long[0] : stopTokens.clone();
  }

  /** Greedy decoding, no penalty, KV cache on. */
  public static GenerationConfig greedy(int maxNewTokens, long... stopTokens) {
    return new GenerationConfig(maxNewTokens, true, 1.0, 0, 1.0, 1.0, stopTokens, 0L, true);
  }

  /** Sampling at the given temperature and top-p, no top-k, no penalty, KV cache on. */
  public static GenerationConfig sampling(int maxNewTokens, double temperature, double topP, long seed,
                                          long... stopTokens) {
    return new GenerationConfig(maxNewTokens, false, temperature, 0, topP, 1.0, stopTokens, seed, true);
  }

  public GenerationConfig withTopK(int k) {
    return new GenerationConfig(maxNewTokens, greedy, temperature, k, topP, repetitionPenalty, stopTokens, seed, useCache);
  }

  public GenerationConfig withRepetitionPenalty(double penalty) {
    return new GenerationConfig(maxNewTokens, greedy, temperature, topK, topP, penalty, stopTokens, seed, useCache);
  }

  public GenerationConfig withSeed(long newSeed) {
    return new GenerationConfig(maxNewTokens, greedy, temperature, topK, topP, repetitionPenalty, stopTokens, newSeed, useCache);
  }

  public GenerationConfig withCache(boolean cache) {
    return new GenerationConfig(maxNewTokens, greedy, temperature, topK, topP, repetitionPenalty, stopTokens, seed, cache);
  }

  public GenerationConfig withMaxNewTokens(int n) {
    return new GenerationConfig(n, greedy, temperature, topK, topP, repetitionPenalty, stopTokens, seed, useCache);
  }

  @Override
  public long[] stopTokens() {
    return stopTokens.clone();
  }

  public boolean isStop(long token) {
    for (long s : stopTokens) {
      if (s == token) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationConfig c && maxNewTokens == c.maxNewTokens && greedy == c.greedy
        && temperature == c.temperature && topK == c.topK && topP == c.topP
        && repetitionPenalty == c.repetitionPenalty && Arrays.equals(stopTokens, c.stopTokens) && seed == c.seed
        && useCache == c.useCache;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(stopTokens) * 31 + Long.hashCode(seed) + maxNewTokens;
  }

  @Override
  public String toString() {
    return "GenerationConfig[maxNewTokens=" + maxNewTokens + ", greedy=" + greedy + ", temperature=" + temperature
        + ", topK=" + topK + ", topP=" + topP + ", repetitionPenalty=" + repetitionPenalty + ", stopTokens="
        + Arrays.toString(stopTokens) + ", seed=" + seed + ", useCache=" + useCache + "]";
  }
}
