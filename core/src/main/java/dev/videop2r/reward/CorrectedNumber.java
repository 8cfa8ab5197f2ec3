package dev.videop2r.reward;

import dev.videop2r.template.PythonText;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The corrected mode's number reader: ASCII digits, an optional sign, commas only as thousands separators in
 * groups of three ("1,000"; "1,5" is refused rather than read as 15), '.' as the only decimal mark, an
 * optional exponent. No "inf", "nan", underscores or unit words. Values are exact decimals.
 */
public final class CorrectedNumber {

  private static final Pattern NUMBER = Pattern.compile(
      "[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private CorrectedNumber() {}

  /** The exact decimal value of {@code s}, or empty when it is not a number under the rules above. */
  public static Optional<BigDecimal> parse(String s) {
    String t = PythonText.strip(s);
    if (!NUMBER.matcher(t).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(t.replace(",", "")));
    } catch (NumberFormatException e) { // an exponent beyond int range
      return Optional.empty();
    }
  }
}
