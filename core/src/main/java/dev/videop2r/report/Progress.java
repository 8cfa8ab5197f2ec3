package dev.videop2r.report;

import java.util.Locale;

/**
 * The pieces every progress line of the tool shares (CoT pipeline, trainers, evaluation), so they read alike:
 * a bar with the count, a rate in k/M, and an ETA clock.
 */
public final class Progress {
  private static final int WIDTH = 24;

  private Progress() {}

  /** {@code [#######.................] 12/40}. */
  public static String bar(long done, long total) {
    double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
  }

  /** {@code 0.42}, {@code 12.5}, {@code 950}, {@code 1.5k}, {@code 2.0M}. */
  public static String rate(double perSecond) {
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : perSecond >= 10 ? "%.1f" : "%.2f", perSecond);
  }

  /** {@code 01:05} or {@code 2:00:05}; {@code --:--} when unknown (no rate yet). */
  public static String clock(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "--:--";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }

  /** Seconds left at {@code rate} items per second, or NaN when the rate is unknown. */
  public static double eta(long remaining, double rate) {
    return rate > 0 ? remaining / rate : Double.NaN;
  }
}
