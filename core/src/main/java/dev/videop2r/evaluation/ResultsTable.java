package dev.videop2r.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 1 layout: one row per run (model), one column per benchmark in the paper's order,
 * then the average. The average is over the seven benchmarks; a row missing some of them shows the mean
 * of what it has, marked with how many it covers ("41.2 (3/7)"), so a partial average is never mistaken
 * for the paper's.
 */
public final class ResultsTable {

  private final Map<String, Map<Benchmark, Double>> rows = new LinkedHashMap<>();

  /** Sets one cell; a later value for the same row and benchmark replaces the earlier one. */
  public ResultsTable put(String row, Benchmark benchmark, double value) {
    rows.computeIfAbsent(row, r -> new EnumMap<>(Benchmark.class)).put(benchmark, value);
    return this;
  }

  public Map<String, Map<Benchmark, Double>> rows() {
    return rows;
  }

  /** A Markdown table, values with one decimal, as in the paper. */
  public String render() {
    List<String> header = new ArrayList<>();
    header.add("Model");
    for (Benchmark b : Benchmark.values()) {
      header.add(b.tableHeader());
    }
    header.add("Avg");
    List<List<String>> body = new ArrayList<>();
    rows.forEach(
        (label, cells) -> {
          List<String> line = new ArrayList<>();
          line.add(label);
          double sum = 0;
          for (Benchmark b : Benchmark.values()) {
            Double v = cells.get(b);
            line.add(v == null ? "–" : format(v));
            sum += v == null ? 0 : v;
          }
          int n = cells.size();
          String avg = n == 0 ? "–" : format(sum / n);
          line.add(n == Benchmark.values().length || n == 0 ? avg : avg + " (" + n + "/7)");
          body.add(line);
        });
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

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
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
