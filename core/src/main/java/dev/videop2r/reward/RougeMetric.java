package dev.videop2r.reward;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form accuracy: {@code clip((ROUGE-1 F + ROUGE-2 F + ROUGE-L F) / 3, 0, 1)} with rouge_score's
 * definitions: n-gram overlap = Σ min(counts), P = overlap / max(1, predicted n-grams), R = overlap /
 * max(1, reference n-grams), F = 2PR / (P + R) or 0; ROUGE-L from the plain LCS (0 when either side is
 * empty). The modes differ only in tokenisation ({@link RougeTokenizer}).
 */
public final class RougeMetric {

  /** The three F-measures. */
  public record Scores(double rouge1, double rouge2, double rougeL) {
    /** Their mean, summed in Video-R1's order. */
    public double mean() {
      return (rouge1 + rouge2 + rougeL) / 3;
    }
  }

  private RougeMetric() {}

  public static double score(String prediction, String groundTruth, ScoringMode mode) {
    double mean = scores(prediction, groundTruth, mode).mean();
    return Math.max(0.0, Math.min(1.0, mean));
  }

  public static Scores scores(String prediction, String groundTruth, ScoringMode mode) {
    Map<String, Integer> vocabulary = new HashMap<>();
    int[] ref = ids(RougeTokenizer.tokenize(groundTruth, mode), vocabulary);
    int[] hyp = ids(RougeTokenizer.tokenize(prediction, mode), vocabulary);
    long base = vocabulary.size() + 1L;
    return new Scores(ngramF(ref, hyp, 1, base), ngramF(ref, hyp, 2, base), lcsF(ref, hyp));
  }

  /** Tokens as small integers, so n-grams become numbers and comparisons are int comparisons. */
  private static int[] ids(List<String> tokens, Map<String, Integer> vocabulary) {
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.computeIfAbsent(tokens.get(i), t -> vocabulary.size());
    }
    return ids;
  }

  /** ROUGE-n F from n-gram counts; the overlap Σ min(count_ref, count_hyp) comes from merging sorted n-grams. */
  static double ngramF(int[] ref, int[] hyp, int n, long base) {
    long[] r = ngrams(ref, n, base);
    long[] h = ngrams(hyp, n, base);
    int overlap = 0;
    for (int i = 0, j = 0; i < r.length && j < h.length; ) {
      if (r[i] == h[j]) {
        overlap++;
        i++;
        j++;
      } else if (r[i] < h[j]) {
        i++;
      } else {
        j++;
      }
    }
    double precision = (double) overlap / Math.max(1, h.length);
    double recall = (double) overlap / Math.max(1, r.length);
    return fMeasure(precision, recall);
  }

  /** The n-grams of {@code tokens} as base-{@code base} numbers, sorted (n is 1 or 2, so they fit a long). */
  private static long[] ngrams(int[] tokens, int n, long base) {
    long[] grams = new long[Math.max(0, tokens.length - n + 1)];
    for (int i = 0; i < grams.length; i++) {
      long key = 0;
      for (int k = 0; k < n; k++) {
        key = key * base + tokens[i + k];
      }
      grams[i] = key;
    }
    Arrays.sort(grams);
    return grams;
  }

  static double lcsF(int[] ref, int[] hyp) {
    if (ref.length == 0 || hyp.length == 0) {
      return 0.0;
    }
    int[] prev = new int[hyp.length + 1];
    int[] cur = new int[hyp.length + 1];
    for (int r : ref) {
      for (int j = 1; j <= hyp.length; j++) {
        cur[j] = r == hyp[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    int lcs = prev[hyp.length];
    return fMeasure((double) lcs / hyp.length, (double) lcs / ref.length);
  }

  private static double fMeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }
}
