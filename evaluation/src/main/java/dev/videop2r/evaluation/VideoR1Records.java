package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * Reads records of Video-R1's {@code eval_<bench>.json} (benchmarks.md §1.1): {@code problem_id},
 * {@code problem}, {@code problem_type}, {@code options}, {@code solution}, {@code path}. Categories the
 * files do not store are derived from {@code problem_id}: VideoMMMU track, MVBench task and Video-MME
 * duration by block. VSI-Bench numeric questions must be typed "regression" (MRA): a file typing them
 * "numerical" would silently switch them to exact match, so such records are rejected.
 */
final class VideoR1Records implements RecordConverter {

  private final Benchmark benchmark;

  VideoR1Records(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  @Override
  public LoadEvent convert(JsonNode record, String location) {
    long problemId = RecordFields.integer(record, "problem_id");
    ProblemType kind = kindOf(record);
    List<String> options =
        kind == ProblemType.MULTIPLE_CHOICE
            ? RecordFields.letteredOptions(RecordFields.strings(record, "options"))
            : List.of();
    String answer = RecordFields.solutionAnswer(RecordFields.text(record, "solution"));
    String gold =
        kind == ProblemType.MULTIPLE_CHOICE
            ? RecordFields.goldLetter(answer, options)
            : RecordFields.goldNumber(answer);
    String path = RecordFields.text(record, "path");
    return new LoadEvent.Loaded(
        new EvalItem(
            Long.toString(problemId),
            benchmark,
            path,
            RecordFields.text(record, "problem"),
            options,
            kind,
            gold,
            categories(record, problemId, kind, path)));
  }

  /** The three types the eval files use; OCR and free-form have no benchmark metric here. */
  private static ProblemType kindOf(JsonNode record) {
    ProblemType type;
    try {
      type = ProblemType.parse(RecordFields.text(record, "problem_type"));
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage());
    }
    if (type == ProblemType.OCR || type == ProblemType.FREE_FORM) {
      throw new MalformedRecordException(
          "problem_type '" + type.wireName() + "' has no benchmark metric (the eval files use multiple choice, "
              + "numerical and regression)");
    }
    return type;
  }

  private Map<String, String> categories(JsonNode record, long problemId, ProblemType kind, String path) {
    return switch (benchmark) {
      case VSI_BENCH -> vsiCategories(RecordFields.text(record, "original_question_type"), kind);
      case VIDEO_MMMU -> Map.of(Category.TRACK, BenchmarkCategories.videoMmmuTrack(problemId));
      case MVBENCH -> Map.of(Category.TASK, BenchmarkCategories.mvbenchTask(problemId));
      case VIDEO_MME -> videoMmeCategories(record, problemId);
      case MMVU -> RecordFields.categories(Category.SUBJECT, mmvuSubject(path));
      case TEMPCOMPASS -> RecordFields.categories(Category.DIMENSION, RecordFields.optionalText(record, "dim"));
      case VCR_BENCH ->
          RecordFields.categories(Category.DIMENSION, RecordFields.optionalText(record, "dimension"));
    };
  }

  /** Shared with the official VSI-Bench reader: validates that the type matches the task's metric. */
  static Map<String, String> vsiCategories(String questionType, ProblemType kind) {
    boolean numericTask = BenchmarkCategories.VSI_NUMERIC_TASKS.contains(questionType);
    if (numericTask && kind != ProblemType.REGRESSION) {
      throw new MalformedRecordException(
          "VSI-Bench " + questionType + " is a numeric (MRA) task but the record is typed '"
              + kind.wireName() + "'; retype it 'regression' so it is scored by mean relative accuracy");
    }
    if (!numericTask && kind != ProblemType.MULTIPLE_CHOICE) {
      throw new MalformedRecordException(
          "VSI-Bench " + questionType + " is a multiple-choice task but the record is typed '"
              + kind.wireName() + "'");
    }
    return Map.of(
        Category.QUESTION_TYPE, questionType, Category.TASK, BenchmarkCategories.vsiTask(questionType));
  }

  private static Map<String, String> videoMmeCategories(JsonNode record, long problemId) {
    String stored = RecordFields.optionalText(record, "duration");
    String duration = stored.isEmpty() ? BenchmarkCategories.videoMmeDuration(problemId) : stored;
    return RecordFields.categories(
        Category.DURATION, duration,
        Category.DOMAIN, RecordFields.optionalText(record, "domain"),
        Category.TASK_TYPE, RecordFields.optionalText(record, "original_question_type"));
  }

  /** MMVU paths are {@code ./Evaluation/MMVU/videos/<Subject>/<n>.mp4}. */
  static String mmvuSubject(String path) {
    String[] parts = path.replace('\\', '/').split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : "";
  }
}
