package dev.videop2r.reward;

import dev.videop2r.template.PythonText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * OCR accuracy, {@code clip(1 − WER, 0, 1)} with WER = word-level Levenshtein distance (unit costs) divided by
 * max(1, reference words).
 *
 * <p>Video-R1: words are Python {@code str.split()} pieces, case-sensitive, punctuation kept ("Hello," ≠ "hello").
 * Corrected: text NFKC-normalised and lower-cased, punctuation trimmed from both ends of each word, words left
 * empty dropped.
 */
public final class WordErrorRate {

  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^\\p{P}+|\\p{P}+$");

  private WordErrorRate() {}

  public static double score(String prediction, String groundTruth, ScoringMode mode) {
    List<String> ref = words(groundTruth, mode);
    List<String> hyp = words(prediction, mode);
    double wer = (double) distance(ref, hyp) / Math.max(1, ref.size());
    return Math.max(0.0, Math.min(1.0, 1.0 - wer));
  }

  static List<String> words(String text, ScoringMode mode) {
    if (mode == ScoringMode.VIDEO_R1) {
      return PythonText.split(text);
    }
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String w : PythonText.split(normalised)) {
      String trimmed = EDGE_PUNCTUATION.matcher(w).replaceAll("");
      if (!trimmed.isEmpty()) {
        words.add(trimmed);
      }
    }
    return words;
  }

  /** Word-level Levenshtein distance with unit costs. */
  static int distance(List<String> ref, List<String> hyp) {
    int n = hyp.size();
    int[] prev = new int[n + 1];
    int[] cur = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      cur[0] = i;
      for (int j = 1; j <= n; j++) {
        cur[j] = ref.get(i - 1).equals(hyp.get(j - 1))
            ? prev[j - 1]
            : 1 + Math.min(prev[j], Math.min(cur[j - 1], prev[j - 1]));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[n];
  }
}
