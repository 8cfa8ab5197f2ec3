package dev.videop2r.pipeline;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The normalised comparison the synthetic judge uses to decide whether a fact is stated: case, punctuation and
 * whitespace runs are ignored, so "The red circle moves left." is stated by "...the RED circle moves left;...".
 */
public final class FactText {

  private FactText() {}

  /** Lower case, letters and digits only, single spaces, padded with one space at each end. */
  public static String normalise(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(t.length() + 2).append(' ');
    boolean space = true;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    if (!space) {
      out.append(' ');
    }
    return out.toString();
  }

  /** Whether {@code fact} is stated in {@code text}: its normalised words appear there as a whole-word run. */
  public static boolean states(String text, String fact) {
    String f = normalise(fact);
    return f.isBlank() || normalise(text).contains(f);
  }

  /**
   * What {@code text} says beyond {@code facts}: its normalised words with one occurrence of each fact taken out
   * (a fact stated twice leaves its second statement behind), minus the words in {@code ignored}; blank when the
   * text states nothing but facts.
   */
  public static String beyond(String text, List<String> facts, Set<String> ignored) {
    String rest = normalise(text);
    for (String fact : facts) {
      String f = normalise(fact);
      int at = f.isBlank() ? -1 : rest.indexOf(f);
      if (at >= 0) {
        rest = rest.substring(0, at) + " " + rest.substring(at + f.length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String word : rest.trim().split(" +")) {
      if (!word.isEmpty() && !ignored.contains(word)) {
        out.append(out.isEmpty() ? "" : " ").append(word);
      }
    }
    return out.toString();
  }
}
