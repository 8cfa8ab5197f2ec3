package dev.videop2r.reward;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokenisation for ROUGE.
 *
 * <p>Video-R1 (rouge_score's default tokenizer with use_stemmer=True): lower-case, every run of characters
 * outside [a-z0-9] becomes a space (so all non-ASCII text vanishes and "3.5" is two tokens), split, Porter-stem
 * tokens longer than 3 characters.
 *
 * <p>Corrected: NFKC and lower case; tokens are runs of Unicode letters and digits (a '.' or ',' between two
 * digits stays inside the number); each CJK ideograph is a token of its own, as such text has no spaces;
 * ASCII tokens longer than 3 characters are Porter-stemmed as before.
 */
public final class RougeTokenizer {

  private RougeTokenizer() {}

  public static List<String> tokenize(String text, ScoringMode mode) {
    return mode == ScoringMode.VIDEO_R1 ? videoR1(text) : corrected(text);
  }

  private static List<String> videoR1(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current.append(c);
      } else if (!current.isEmpty()) {
        tokens.add(stemIfLong(current.toString()));
        current.setLength(0);
      }
    }
    return tokens;
  }

  private static List<String> corrected(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (Character.isIdeographic(cp)) {
        flush(current, tokens);
        tokens.add(new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp)) {
        current.appendCodePoint(cp);
      } else if ((cp == '.' || cp == ',') && endsWithDigit(current) && i + 1 < s.length()
          && Character.isDigit(s.codePointAt(i + 1))) {
        current.appendCodePoint(cp);
      } else {
        flush(current, tokens);
      }
      i += width;
    }
    flush(current, tokens);
    return tokens;
  }

  private static boolean endsWithDigit(StringBuilder b) {
    return !b.isEmpty() && Character.isDigit(b.charAt(b.length() - 1));
  }

  private static void flush(StringBuilder current, List<String> tokens) {
    if (!current.isEmpty()) {
      String t = current.toString();
      tokens.add(isAsciiAlphanumeric(t) ? stemIfLong(t) : t);
      current.setLength(0);
    }
  }

  private static boolean isAsciiAlphanumeric(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** rouge_score stems only tokens longer than 3 characters. */
  private static String stemIfLong(String token) {
    return token.length() > 3 ? PorterStemmer.stem(token) : token;
  }
}
