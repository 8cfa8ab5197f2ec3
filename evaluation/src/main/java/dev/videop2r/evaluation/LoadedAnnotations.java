package dev.videop2r.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's annotations in memory.
 *
 * @param items the usable items, in file order
 * @param excluded how many well-formed records each subset rule left out
 * @param excludedIds the ids of excluded records, where the format gives them ids
 * @param errors the records that could not be used (malformed, duplicate id)
 */
public record LoadedAnnotations(
    Benchmark benchmark,
    String source,
    List<EvalItem> items,
    Map<String, Integer> excluded,
    Set<String> excludedIds,
    List<RecordError> errors) {

  public LoadedAnnotations {
    items = List.copyOf(items);
    excluded = Map.copyOf(excluded);
    excludedIds = Set.copyOf(excludedIds);
    errors = List.copyOf(errors);
  }

  /** The same annotations restricted to {@code subset} of the items (a run's --limit). */
  public LoadedAnnotations withItems(List<EvalItem> subset) {
    return new LoadedAnnotations(benchmark, source, subset, excluded, excludedIds, errors);
  }

  /** "5 items (expected 5130 for the full set)" when the count differs from the full benchmark. */
  public String countNote() {
    return items.size() == benchmark.expectedCount()
        ? items.size() + " items (the full set)"
        : items.size() + " items (the full " + benchmark.cliName() + " set has " + benchmark.expectedCount() + ")";
  }

  /** Collects load events; rejects a repeated id, since predictions are keyed by id. */
  static final class Builder {
    private final Benchmark benchmark;
    private final String source;
    private final List<EvalItem> items = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> excluded = new LinkedHashMap<>();
    private final Set<String> excludedIds = new HashSet<>();
    private final List<RecordError> errors = new ArrayList<>();

    Builder(Benchmark benchmark, String source) {
      this.benchmark = benchmark;
      this.source = source;
    }

    void add(LoadEvent event) {
      switch (event) {
        case LoadEvent.Loaded loaded -> {
          if (ids.add(loaded.item().id())) {
            items.add(loaded.item());
          } else {
            errors.add(new RecordError("id " + loaded.item().id(), "duplicate id; only the first record is used"));
          }
        }
        case LoadEvent.Excluded ex -> {
          excluded.merge(ex.reason(), 1, Integer::sum);
          if (!ex.id().isEmpty()) {
            excludedIds.add(ex.id());
          }
        }
        case LoadEvent.Malformed bad -> errors.add(bad.error());
      }
    }

    LoadedAnnotations build() {
      return new LoadedAnnotations(benchmark, source, items, excluded, excludedIds, errors);
    }
  }
}
