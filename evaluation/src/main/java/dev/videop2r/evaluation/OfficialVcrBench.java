package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * VCR-Bench's own records: {@code id, video_path, duration, dimension, question, multiple-choice, choices
 * {A..D}, answer}. Subset: {@code multiple-choice == true}. Its questions embed the options after the stem
 * ("...explosion?A. x\nB. y\n"); the stem is cut where the option list begins, so the Video-R1 prompt
 * (which appends the options) does not list them twice.
 */
final class OfficialVcrBench implements RecordConverter {

  @Override
  public LoadEvent convert(JsonNode record, String location) {
    if (!RecordFields.bool(record, "multiple-choice")) {
      return new LoadEvent.Excluded(location, Long.toString(RecordFields.integer(record, "id")),
          "open question, outside the multiple-choice subset");
    }
    List<String> options = RecordFields.optionsFromChoices(record, "choices");
    String question = RecordFields.text(record, "question");
    double duration = record.path("duration").asDouble(Double.NaN);
    return new LoadEvent.Loaded(
        new EvalItem(
            Long.toString(RecordFields.integer(record, "id")),
            Benchmark.VCR_BENCH,
            RecordFields.text(record, "video_path"),
            stem(question, options),
            options,
            ProblemType.MULTIPLE_CHOICE,
            RecordFields.goldLetter(RecordFields.text(record, "answer"), options),
            RecordFields.categories(
                Category.DIMENSION, RecordFields.optionalText(record, "dimension"),
                Category.DURATION,
                Double.isNaN(duration) ? "" : BenchmarkCategories.vcrDurationBucket(duration))));
  }

  /**
   * The question without its embedded option list: cut at the "A. " that starts the first option (the
   * option text is matched, so an "A. " inside the stem is not mistaken for it); a question without an
   * embedded list is kept whole.
   */
  static String stem(String question, List<String> options) {
    int cut = question.indexOf(options.get(0));
    if (cut < 0) {
      int b = question.lastIndexOf("\nB. ");
      cut = b < 0 ? -1 : question.lastIndexOf("A. ", b);
    }
    return (cut < 0 ? question : question.substring(0, cut)).strip();
  }
}
