package dev.videop2r.data;

import java.util.List;

/** Renders rows of cells as an aligned pipe table (first column left-aligned, the rest right-aligned). */
public final class Tables {

  private Tables() {}

  public static String render(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].codePointCount(0, r[c].length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      out.append('|');
      for (int c = 0; c < cols; c++) {
        String pad = " ".repeat(width[c] - r[c].codePointCount(0, r[c].length()));
        out.append(' ').append(c == 0 ? r[c] + pad : pad + r[c]).append(" |");
      }
      out.append('\n');
      if (i == 0) {
        out.append('|');
        for (int c = 0; c < cols; c++) {
          out.append(c == 0 ? "-" : "").append("-".repeat(width[c] + 1)).append(c == 0 ? "|" : ":|");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
