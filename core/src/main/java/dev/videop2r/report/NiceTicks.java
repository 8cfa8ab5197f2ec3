package dev.videop2r.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at round values, as plotting tools place them: a step of 1, 2 or 5 times a power of ten, so a
 * loss axis reads 0.4, 0.6, 0.8 rather than 0.412, 0.753. Labels carry as many decimals as the step needs, and
 * very small or large values switch to short scientific form ({@code 2e-5}, {@code 1.5e6}).
 *
 * @param lower the axis start (a tick when {@code padToTicks}, else the data minimum)
 * @param upper the axis end
 * @param step the distance between ticks
 * @param values the tick positions inside [lower, upper]
 */
public record NiceTicks(double lower, double upper, double step, List<Double> values) {

  /**
   * About {@code target} ticks over [min, max]. With {@code padToTicks} the axis widens to the ticks around the
   * data (a value axis); without, it keeps the data range and ticks fall inside it (a step axis). With
   * {@code integral} the step is at least 1.
   */
  public static NiceTicks of(double min, double max, int target, boolean padToTicks, boolean integral) {
    if (!(Double.isFinite(min) && Double.isFinite(max)) || min > max || target < 2) {
      throw new IllegalArgumentException("need finite min <= max and target >= 2, got " + min + ", " + max + ", "
          + target);
    }
    if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
      double half = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= half;
      max += half;
    }
    double step = niceStep((max - min) / (target - 1));
    if (integral) {
      step = Math.max(step, 1);
    }
    double lo = padToTicks ? Math.floor(min / step + 1e-9) * step : min;
    double hi = padToTicks ? Math.ceil(max / step - 1e-9) * step : max;
    List<Double> values = new ArrayList<>();
    for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
      values.add(clean(i * step, step));
    }
    return new NiceTicks(lo, hi, step, List.copyOf(values));
  }

  /** 1, 2 or 5 times a power of ten, the nearest to {@code rough} from above-ish (Heckbert's nice numbers). */
  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / power;
    double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * power;
  }

  /** {@code i·step} without the float noise of the product (0.30000000000000004 to 0.3). */
  private static double clean(double v, double step) {
    int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(step)));
    return new BigDecimal(v).setScale(decimals + 1, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The label of a tick value on this axis. */
  public String label(double v) {
    if (Math.abs(v) < step * 1e-6) {
      return "0";
    }
    double biggest = Math.max(Math.abs(lower), Math.abs(upper));
    if (biggest >= 1e5 || biggest < 1e-3) {
      int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
      int digits = Math.max(0, exponent - (int) Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, "%." + digits + "e", v)
          .replaceAll("\\.?0+e", "e").replace("e+", "e").replaceAll("e(-?)0+(\\d)", "e$1$2");
    }
    int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
