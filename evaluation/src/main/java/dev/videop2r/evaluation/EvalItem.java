package dev.videop2r.evaluation;

import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark question, normalised from whichever annotation format it came in.
 *
 * @param id the Video-R1 {@code problem_id} where the benchmark has one (predictions are keyed by it)
 * @param mediaPath the video, relative to the media root
 * @param problem the question stem, without options
 * @param options lettered options ({@code "A. red"}); empty unless multiple choice
 * @param gold the gold answer: a letter, or a number as written in the annotation
 * @param categories breakdown keys ({@link Category}) to their values for this item
 */
public record EvalItem(
    String id,
    Benchmark benchmark,
    String mediaPath,
    String problem,
    List<String> options,
    ProblemType kind,
    String gold,
    Map<String, String> categories) {

  public EvalItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(mediaPath, "mediaPath");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(gold, "gold");
    options = List.copyOf(options);
    categories = Map.copyOf(categories);
  }

  /** The option letters in order ("A", "B", ...). */
  public List<String> optionLetters() {
    return options.stream().map(o -> o.substring(0, 1)).toList();
  }
}
