package dev.videop2r.pipeline;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The normalised comparison the synthetic judge uses to decide whether a fact is stated: case, punctuation and
 * whitespace runs are ignored, so "The red circle moves left." is stated by "...the RED circle moves left;...",
 * and a fact is stated only as a whole-word run ("red ball" is not in "red balloon").
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

  /**
   * What a text states of its facts.
   *
   * @param missing the facts it does not state, in the facts' order (a fact listed twice must be stated twice)
   * @param beyond its normalised words that no fact accounts for; blank when it states nothing but the facts
   */
  public record Coverage(List<String> missing, String beyond) {}

  /**
   * Takes one occurrence of each fact out of {@code text}, longest fact first, so that a fact contained in another
   * cannot take the longer one's words whatever the order of the list.
   */
  public static Coverage cover(String text, List<String> facts) {
    String rest = normalise(text);
    String[] normalised = facts.stream().map(FactText::normalise).toArray(String[]::new);
    boolean[] found = new boolean[facts.size()];
    Integer[] longestFirst = new Integer[facts.size()];
    for (int i = 0; i < longestFirst.length; i++) {
      longestFirst[i] = i;
    }
    Arrays.sort(longestFirst, Comparator.comparingInt((Integer i) -> normalised[i].length()).reversed());
    for (int i : longestFirst) {
      String f = normalised[i];
      int at = f.isBlank() ? 0 : rest.indexOf(f);
      found[i] = at >= 0;
      if (at >= 0 && !f.isBlank()) {
        rest = rest.substring(0, at) + " " + rest.substring(at + f.length());
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (!found[i]) {
        missing.add(facts.get(i));
      }
    }
    return new Coverage(List.copyOf(missing), rest.trim());
  }
}
