package dev.videop2r.reward;

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
    List<String> ref = RougeTokenizer.tokenize(groundTruth, mode);
    List<String> hyp = RougeTokenizer.tokenize(prediction, mode);
    return new Scores(ngramF(ref, hyp, 1), ngramF(ref, hyp, 2), lcsF(ref, hyp));
  }

  static double ngramF(List<String> ref, List<String> hyp, int n) {
    Map<List<String>, Integer> refCounts = ngrams(ref, n);
    Map<List<String>, Integer> hypCounts = ngrams(hyp, n);
    int overlap = 0;
    for (Map.Entry<List<String>, Integer> e : refCounts.entrySet()) {
      overlap += Math.min(e.getValue(), hypCounts.getOrDefault(e.getKey(), 0));
    }
    double precision = (double) overlap / Math.max(1, Math.max(0, hyp.size() - n + 1));
    double recall = (double) overlap / Math.max(1, Math.max(0, ref.size() - n + 1));
    return fMeasure(precision, recall);
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return counts;
  }

  static double lcsF(List<String> ref, List<String> hyp) {
    if (ref.isEmpty() || hyp.isEmpty()) {
      return 0.0;
    }
    int[] prev = new int[hyp.size() + 1];
    int[] cur = new int[hyp.size() + 1];
    for (String r : ref) {
      for (int j = 1; j <= hyp.size(); j++) {
        cur[j] = r.equals(hyp.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    int lcs = prev[hyp.size()];
    return fMeasure((double) lcs / hyp.size(), (double) lcs / ref.size());
  }

  private static double fMeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }
}
