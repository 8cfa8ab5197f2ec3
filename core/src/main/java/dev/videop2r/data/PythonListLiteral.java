package dev.videop2r.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a list of strings written as a JSON array or as a Python {@code repr} (single- or double-quoted
 * items), the two forms a string-valued {@code options} field takes in the VideoP2R RL release.
 */
final class PythonListLiteral {

  private PythonListLiteral() {}

  static List<String> parse(String text) {
    String t = text.strip();
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException("expected a list literal like ['A. x', 'B. y'], got '" + abbreviate(t) + "'");
    }
    List<String> items = new ArrayList<>();
    int i = skipSpace(t, 1);
    if (t.charAt(i) == ']') {
      return items;
    }
    while (true) {
      char quote = t.charAt(i);
      if (quote != '\'' && quote != '"') {
        throw new IllegalArgumentException("expected a quoted item at offset " + i + " in '" + abbreviate(t) + "'");
      }
      StringBuilder item = new StringBuilder();
      i++;
      while (true) {
        if (i >= t.length()) {
          throw new IllegalArgumentException("unterminated string in '" + abbreviate(t) + "'");
        }
        char c = t.charAt(i++);
        if (c == quote) {
          break;
        }
        if (c == '\\') {
          i = unescape(t, i, item);
        } else {
          item.append(c);
        }
      }
      items.add(item.toString());
      i = skipSpace(t, i);
      char sep = t.charAt(i);
      if (sep == ']') {
        if (skipSpace(t, i + 1) != t.length()) {
          throw new IllegalArgumentException("text after the list in '" + abbreviate(t) + "'");
        }
        return items;
      }
      if (sep != ',') {
        throw new IllegalArgumentException("expected ',' or ']' at offset " + i + " in '" + abbreviate(t) + "'");
      }
      i = skipSpace(t, i + 1);
      if (t.charAt(i) == ']') {
        return items;
      }
    }
  }

  private static int unescape(String t, int i, StringBuilder out) {
    if (i >= t.length()) {
      throw new IllegalArgumentException("dangling backslash in '" + abbreviate(t) + "'");
    }
    char e = t.charAt(i++);
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'u' -> {
        if (i + 4 > t.length()) {
          throw new IllegalArgumentException("bad \\u escape in '" + abbreviate(t) + "'");
        }
        out.append((char) Integer.parseInt(t.substring(i, i + 4), 16));
        i += 4;
      }
      case 'x' -> {
        if (i + 2 > t.length()) {
          throw new IllegalArgumentException("bad \\x escape in '" + abbreviate(t) + "'");
        }
        out.append((char) Integer.parseInt(t.substring(i, i + 2), 16));
        i += 2;
      }
      default -> out.append(e); // \\, \', \" and the rest stand for themselves
    }
    return i;
  }

  private static int skipSpace(String t, int i) {
    while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
      i++;
    }
    return i; // never past the closing ']' except after it, where the caller checks for trailing text
  }

  private static String abbreviate(String t) {
    return t.length() <= 80 ? t : t.substring(0, 77) + "...";
  }
}
