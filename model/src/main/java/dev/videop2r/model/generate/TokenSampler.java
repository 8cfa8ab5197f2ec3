package dev.videop2r.model.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token of one row from its float32 logits, following HF's logits-processor order
 * (repetition penalty, temperature, top-k, top-p, sample). Pure Java on purpose: the choice is exactly
 * reproducible for a seed, whatever engine or device computed the logits.
 */
final class TokenSampler {

  private final GenerationConfig config;
  private final long[] banned;

  TokenSampler(GenerationConfig config) {
    this(config, new long[0]);
  }

  /** @param banned ids never picked (their scores become -inf before any other processing, greedy included) */
  TokenSampler(GenerationConfig config, long[] banned) {
    this.config = config;
    this.banned = banned.clone();
  }

  /**
   * The next token. {@code seen} holds the row's prompt and generated ids (for the repetition penalty);
   * {@code random} is the row's own stream. {@code logits} is not modified.
   */
  long next(float[] logits, int offset, int vocab, long[] seen, int seenCount, SplittableRandom random) {
    double[] scores = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      scores[v] = logits[offset + v];
    }
    for (long id : banned) {
      if (id >= 0 && id < vocab) {
        scores[(int) id] = Double.NEGATIVE_INFINITY;
      }
    }
    applyRepetitionPenalty(scores, seen, seenCount);
    if (config.greedy()) {
      return argmax(scores);
    }
    for (int v = 0; v < vocab; v++) {
      scores[v] /= config.temperature();
    }
    if (config.topK() > 0 && config.topK() < vocab) {
      applyTopK(scores, config.topK());
    }
    if (config.topP() < 1.0) {
      applyTopP(scores, config.topP());
    }
    return sample(scores, random);
  }

  private void applyRepetitionPenalty(double[] scores, long[] seen, int seenCount) {
    double penalty = config.repetitionPenalty();
    if (penalty == 1.0) {
      return;
    }
    boolean[] done = new boolean[scores.length];
    for (int i = 0; i < seenCount; i++) {
      int id = (int) seen[i];
      if (id < 0 || id >= scores.length || done[id]) {
        continue;
      }
      done[id] = true;
      scores[id] = scores[id] < 0 ? scores[id] * penalty : scores[id] / penalty;
    }
  }

  /** HF TopKLogitsWarper: remove every score below the k-th largest (ties with it survive). */
  static void applyTopK(double[] scores, int k) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double threshold = sorted[sorted.length - k];
    for (int v = 0; v < scores.length; v++) {
      if (scores[v] < threshold) {
        scores[v] = Double.NEGATIVE_INFINITY;
      }
    }
  }

  /**
   * HF TopPLogitsWarper: sort ascending, remove tokens whose cumulative probability (from the least likely up)
   * is &lt;= 1 - top_p, always keep the most likely token. Tokens below (1 - top_p) / V together hold at most
   * 1 - top_p, so they are all in the removed prefix: only the others are sorted (a few thousand of Qwen's 152K
   * for a peaked distribution). Tokens tied with the first kept one are kept.
   */
  static void applyTopP(double[] scores, double topP) {
    double[] probs = softmax(scores);
    double floor = (1 - topP) / probs.length;
    double[] candidates = new double[probs.length];
    int count = 0;
    double cumulative = 0;
    for (double p : probs) {
      if (p < floor) {
        cumulative += p;
      } else {
        candidates[count++] = p;
      }
    }
    Arrays.sort(candidates, 0, count);
    int first = 0;
    while (first < count - 1 && cumulative + candidates[first] <= 1 - topP) {
      cumulative += candidates[first];
      first++;
    }
    double cut = candidates[first];
    for (int v = 0; v < scores.length; v++) {
      if (probs[v] < cut) {
        scores[v] = Double.NEGATIVE_INFINITY;
      }
    }
  }

  static long argmax(double[] scores) {
    int best = 0;
    for (int v = 1; v < scores.length; v++) {
      if (scores[v] > scores[best]) {
        best = v;
      }
    }
    return best;
  }

  private static long sample(double[] scores, SplittableRandom random) {
    double[] probs = softmax(scores);
    double u = random.nextDouble();
    double cumulative = 0;
    int last = -1;
    for (int v = 0; v < probs.length; v++) {
      if (probs[v] > 0) {
        cumulative += probs[v];
        last = v;
        if (u < cumulative) {
          return v;
        }
      }
    }
    return last; // u fell in the rounding gap just below 1
  }

  static double[] softmax(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double[] p = new double[scores.length];
    double sum = 0;
    for (int v = 0; v < scores.length; v++) {
      p[v] = scores[v] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(scores[v] - max);
      sum += p[v];
    }
    for (int v = 0; v < scores.length; v++) {
      p[v] /= sum;
    }
    return p;
  }

  /**
   * log_softmax(logits)[token] of the RAW logits (no penalty, temperature or truncation): the log-probability
   * under the policy itself, which is what a trainer's forward pass recomputes for π_old / π_θ.
   */
  static float logProb(float[] logits, int offset, int vocab, long token) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    return (float) (logits[offset + (int) token] - max - Math.log(sum));
  }
}
