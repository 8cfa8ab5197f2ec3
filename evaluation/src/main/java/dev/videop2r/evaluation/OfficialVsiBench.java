package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * VSI-Bench's own records ({@code test.jsonl}): {@code id, dataset, scene_name, question_type, question,
 * options (null for numeric), ground_truth}. Videos are {@code <dataset>/<scene_name>.mp4}.
 */
final class OfficialVsiBench implements RecordConverter {
  @Override
  public LoadEvent convert(JsonNode record, String location) {
    List<String> options = RecordFields.strings(record, "options");
    ProblemType kind = options.isEmpty() ? ProblemType.REGRESSION : ProblemType.MULTIPLE_CHOICE;
    String truth = RecordFields.text(record, "ground_truth");
    String gold =
        kind == ProblemType.MULTIPLE_CHOICE
            ? RecordFields.goldLetter(truth, RecordFields.letteredOptions(options))
            : RecordFields.goldNumber(truth);
    String questionType = RecordFields.text(record, "question_type");
    return new LoadEvent.Loaded(
        new EvalItem(
            Long.toString(RecordFields.integer(record, "id")),
            Benchmark.VSI_BENCH,
            RecordFields.text(record, "dataset") + "/" + RecordFields.text(record, "scene_name") + ".mp4",
            RecordFields.text(record, "question"),
            options,
            kind,
            gold,
            VideoR1Records.vsiCategories(questionType, kind)));
  }
}
