package dev.videop2r.pipeline;

import java.text.Normalizer;
import java.util.Locale;

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
}
