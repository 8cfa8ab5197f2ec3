package dev.videop2r.evaluation;

import java.util.ArrayList;
import java.util.List;

/** Renders rows of cells as a Markdown table with padded columns. */
final class MarkdownTable {

  private MarkdownTable() {}

  static String render(List<String> header, List<List<String>> body) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = header.get(c).length();
      for (List<String> line : body) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendLine(out, rule, widths);
    body.forEach(line -> appendLine(out, line, widths));
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      out.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(" |");
    }
    out.append('\n');
  }
}
