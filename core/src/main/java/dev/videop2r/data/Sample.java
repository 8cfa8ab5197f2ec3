package dev.videop2r.data;

import java.util.List;
import java.util.Objects;

/**
 * One VQA record in the Video-R1 schema, optionally with the synthetic world's annotations and a CoT trace.
 *
 * @param problemId {@code problem_id}
 * @param problem the question text
 * @param dataType image or video
 * @param problemType one of the five Video-R1 types
 * @param options multiple-choice options like {@code "A. red"}; empty for other types
 * @param solution ground truth with tags, e.g. {@code <answer>B</answer>}
 * @param path media path relative to a media root (Video-R1 paths start with {@code ./})
 * @param dataSource provenance, e.g. {@code LLaVA-Video-178K/...} or {@code synthetic}
 * @param facts synthetic world only: the perception facts the question needs; empty for real data
 * @param rationale synthetic world only: reasoning from the facts to the answer; null for real data
 * @param trace the CoT trace for CoT releases; null for plain VQA records
 */
public record Sample(
    long problemId,
    String problem,
    DataType dataType,
    ProblemType problemType,
    List<String> options,
    String solution,
    String path,
    String dataSource,
    List<String> facts,
    String rationale,
    CotTrace trace) {

  public Sample {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(dataType, "data_type");
    Objects.requireNonNull(problemType, "problem_type");
    Objects.requireNonNull(solution, "solution");
    Objects.requireNonNull(path, "path");
    options = options == null ? List.of() : List.copyOf(options);
    facts = facts == null ? List.of() : List.copyOf(facts);
    dataSource = dataSource == null ? "" : dataSource;
  }

  /** The same sample with a CoT trace attached. */
  public Sample withTrace(CotTrace newTrace) {
    return new Sample(problemId, problem, dataType, problemType, options, solution, path, dataSource, facts,
        rationale, newTrace);
  }
}
