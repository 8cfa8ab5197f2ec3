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
    return MarkdownTable.render(header, body);
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
