package dev.videop2r.reward;

import dev.videop2r.template.PythonText;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Python's {@code float(str)}, which Video-R1 uses to read numbers. It differs from
 * {@link Double#parseDouble}: it accepts underscores between digits ("1_000"), any Unicode decimal digit
 * ("٣"), Unicode whitespace around the number, and "inf"/"infinity"/"nan" in any case; it rejects Java's
 * "3d"/"3f" suffixes, hexadecimal floats and a bare "Infinity" is accepted only case-insensitively like Python.
 */
public final class PythonFloat {

  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final Pattern DECIMAL = Pattern.compile(
      "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?");
  private static final Pattern SPECIAL = Pattern.compile("([+-]?)(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

  private PythonFloat() {}

  /** The value Python's {@code float(s)} returns, or empty where it raises ValueError. */
  public static OptionalDouble parse(String s) {
    String ascii = toAsciiDigits(PythonText.strip(s));
    if (ascii == null) {
      return OptionalDouble.empty();
    }
    var special = SPECIAL.matcher(ascii);
    if (special.matches()) {
      boolean negative = special.group(1).equals("-");
      if (special.group(2).equalsIgnoreCase("nan")) {
        return OptionalDouble.of(Double.NaN);
      }
      return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (!DECIMAL.matcher(ascii).matches()) {
      return OptionalDouble.empty();
    }
    // Both Java and CPython round decimal strings to the nearest double, so the values agree.
    return OptionalDouble.of(Double.parseDouble(ascii.replace("_", "")));
  }

  /** Maps every Unicode decimal digit to its ASCII digit; null if a non-ASCII, non-digit char remains. */
  private static String toAsciiDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 128) {
        out.append((char) cp);
      } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        out.append((char) ('0' + Character.digit(cp, 10)));
      } else {
        return null;
      }
    }
    return out.toString();
  }
}
