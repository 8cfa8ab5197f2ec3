package dev.videop2r.pipeline;

import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of sample fates per step × problem type, rendered as the run's summary table. Rows are the problem
 * types (plus records that could not be read, and the total); columns follow the pipeline: input, errored
 * before verification, dropped at verification, dropped by the judge, errored at the judge, kept.
 */
public final class FateSummary {

  private static final String[] COLUMNS = {"Problem type", "In", "Errored (read/generate)", "Dropped: verify",
      "Dropped: judge", "Errored (judge)", "Kept", "Kept %"};
  /** Row index for records whose type is unknown because they could not be read. */
  private static final int UNREADABLE = ProblemType.values().length;

  private final long[][] counts = new long[ProblemType.values().length + 1][5];

  public void add(SampleOutcome o) {
    int row = o.problemType() == null ? UNREADABLE : o.problemType().ordinal();
    counts[row][column(o)]++;
  }

  private static int column(SampleOutcome o) {
    return switch (o.fate()) {
      case ERRORED -> o.step() == Step.JUDGE ? 3 : 0;
      case DROPPED_VERIFY -> 1;
      case DROPPED_JUDGE -> 2;
      case KEPT -> 4;
    };
  }

  public long kept() {
    long k = 0;
    for (long[] row : counts) {
      k += row[4];
    }
    return k;
  }

  public long count(Fate fate) {
    long n = 0;
    for (long[] row : counts) {
      n += switch (fate) {
        case ERRORED -> row[0] + row[3];
        case DROPPED_VERIFY -> row[1];
        case DROPPED_JUDGE -> row[2];
        case KEPT -> row[4];
      };
    }
    return n;
  }

  public String render() {
    List<String[]> rows = new ArrayList<>();
    rows.add(COLUMNS);
    long[] total = new long[5];
    for (int r = 0; r < counts.length; r++) {
      long in = sum(counts[r]);
      if (r == UNREADABLE && in == 0) {
        continue;
      }
      rows.add(row(r == UNREADABLE ? "(unreadable)" : ProblemType.values()[r].wireName(), counts[r]));
      for (int c = 0; c < 5; c++) {
        total[c] += counts[r][c];
      }
    }
    rows.add(row("Total", total));
    return Tables.render(rows);
  }

  private static String[] row(String name, long[] c) {
    long in = sum(c);
    String pct = in == 0 ? "–" : String.format(Locale.ROOT, "%.1f", 100.0 * c[4] / in);
    return new String[] {name, fmt(in), fmt(c[0]), fmt(c[1]), fmt(c[2]), fmt(c[3]), fmt(c[4]), pct};
  }

  private static long sum(long[] c) {
    long s = 0;
    for (long v : c) {
      s += v;
    }
    return s;
  }

  private static String fmt(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
