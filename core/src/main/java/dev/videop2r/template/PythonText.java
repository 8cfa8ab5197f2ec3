package dev.videop2r.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 string semantics that Java does not share, needed to reproduce Video-R1 exactly.
 * Python's {@code str.isspace}, {@code strip}, {@code split} and the regex class {@code \s} all use one set:
 * Unicode category Zs or bidirectional class WS, B or S. That set is Java's {@code \s} under
 * UNICODE_CHARACTER_CLASS plus U+001C–U+001F, and differs from {@link Character#isWhitespace} (which
 * excludes U+00A0, U+2007, U+202F) and from {@link String#trim} (which strips every char ≤ U+0020).
 */
public final class PythonText {

  /** Python's {@code \s} as a Java regex fragment (use with {@code Pattern.UNICODE_CHARACTER_CLASS}). */
  public static final String WHITESPACE_CLASS = "[\\s\\x1c-\\x1f]";

  private PythonText() {}

  /** Python {@code str.isspace()} for one code point. */
  public static boolean isSpace(int codePoint) {
    if (Character.getType(codePoint) == Character.SPACE_SEPARATOR) {
      return true;
    }
    byte bidi = Character.getDirectionality(codePoint);
    return bidi == Character.DIRECTIONALITY_WHITESPACE
        || bidi == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
        || bidi == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
  }

  /** Python {@code s.strip()}. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Whether {@code s} holds nothing but Python whitespace in {@code [from, to)}. */
  public static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Python {@code s.split()}: runs of whitespace separate words; no empty words. */
  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }
}
