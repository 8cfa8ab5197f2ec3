package dev.videop2r.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts samples by data type × problem type and renders them in the layout of the paper's Table 3
 * (rows Image, Video, Sum; columns the five problem types and Sum; "–" for an empty cell).
 */
public final class CompositionTable {

  private final long[][] counts = new long[DataType.values().length][ProblemType.values().length];

  public void add(Sample s) {
    counts[s.dataType().ordinal()][s.problemType().ordinal()]++;
  }

  public long count(DataType d, ProblemType p) {
    return counts[d.ordinal()][p.ordinal()];
  }

  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long c : row) {
        t += c;
      }
    }
    return t;
  }

  /** The table as aligned plain text (markdown-compatible pipes). */
  public String render() {
    List<String[]> rows = new ArrayList<>();
    String[] header = {"", "Multiple choice", "Numerical", "OCR", "Free-form", "Regression", "Sum"};
    rows.add(header);
    long[] colSums = new long[ProblemType.values().length];
    for (DataType d : DataType.values()) {
      String[] row = new String[header.length];
      row[0] = d == DataType.IMAGE ? "Image" : "Video";
      long sum = 0;
      for (ProblemType p : ProblemType.values()) {
        long c = count(d, p);
        row[p.ordinal() + 1] = cell(c);
        colSums[p.ordinal()] += c;
        sum += c;
      }
      row[header.length - 1] = cell(sum);
      rows.add(row);
    }
    String[] sumRow = new String[header.length];
    sumRow[0] = "Sum";
    for (ProblemType p : ProblemType.values()) {
      sumRow[p.ordinal() + 1] = cell(colSums[p.ordinal()]);
    }
    sumRow[header.length - 1] = cell(total());
    rows.add(sumRow);
    return Tables.render(rows);
  }

  private static String cell(long c) {
    return c == 0 ? "–" : String.format(Locale.ROOT, "%,d", c);
  }
}
