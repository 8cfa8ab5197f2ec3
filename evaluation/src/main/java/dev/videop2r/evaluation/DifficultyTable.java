package dev.videop2r.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 7 layout (task difficulty): Video-MME by duration (Short, Medium, Long) and VideoMMMU by
 * track (Identify, Interpret, Adapt = Perception, Comprehension, Adaptation), one row per run label.
 */
public final class DifficultyTable {

  /** One column: a category of one benchmark's breakdown. */
  public record Column(Benchmark benchmark, String key, String value, String header) {}

  public static final List<Column> COLUMNS = List.of(
      new Column(Benchmark.VIDEO_MME, Category.DURATION, "short", "Short"),
      new Column(Benchmark.VIDEO_MME, Category.DURATION, "medium", "Medium"),
      new Column(Benchmark.VIDEO_MME, Category.DURATION, "long", "Long"),
      new Column(Benchmark.VIDEO_MMMU, Category.TRACK, "Perception", "Identify"),
      new Column(Benchmark.VIDEO_MMMU, Category.TRACK, "Comprehension", "Interpret"),
      new Column(Benchmark.VIDEO_MMMU, Category.TRACK, "Adaptation", "Adapt"));

  private final Map<String, Map<Column, Double>> rows = new LinkedHashMap<>();

  /** Takes the columns this benchmark's breakdowns provide for the row. */
  public DifficultyTable put(String row, Benchmark benchmark, Map<String, List<CategoryScore>> breakdowns) {
    for (Column column : COLUMNS) {
      if (column.benchmark() != benchmark) {
        continue;
      }
      for (CategoryScore score : breakdowns.getOrDefault(column.key(), List.of())) {
        if (score.name().equals(column.value())) {
          rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, score.score());
        }
      }
    }
    return this;
  }

  public String render() {
    List<String> header = new ArrayList<>();
    header.add("Model");
    COLUMNS.forEach(c -> header.add(c.header()));
    List<List<String>> body = new ArrayList<>();
    rows.forEach((label, cells) -> {
      List<String> line = new ArrayList<>();
      line.add(label);
      COLUMNS.forEach(c -> line.add(cells.containsKey(c) ? String.format(Locale.ROOT, "%.2f", cells.get(c)) : "–"));
      body.add(line);
    });
    return MarkdownTable.render(header, body);
  }
}
