package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * MMVU's own {@code validation.json}: {@code id, video (URL), question_type, metadata.subject, question,
 * choices {A..E}, answer}. Subset: multiple-choice questions only. Ids are the running index over the
 * multiple-choice questions (1-based), which is how Video-R1 numbered {@code eval_mmvu.json}, so the two
 * formats share prediction files. Videos are {@code videos/<Subject>/<n>.mp4} taken from the URL.
 */
final class OfficialMmvu implements RecordConverter {

  private long multipleChoiceSeen;

  @Override
  public LoadEvent convert(JsonNode record, String location) {
    String type = RecordFields.text(record, "question_type");
    if (!type.equals("multiple-choice")) {
      // Ids number the multiple-choice questions only, so an excluded question has none.
      return new LoadEvent.Excluded(location, "", "question_type '" + type + "' is outside the multiple-choice subset");
    }
    long id = ++multipleChoiceSeen;
    List<String> options = RecordFields.optionsFromChoices(record, "choices");
    String url = RecordFields.text(record, "video");
    int videos = url.lastIndexOf("videos/");
    if (videos < 0) {
      throw new MalformedRecordException("video URL has no 'videos/<Subject>/<n>.mp4' part: " + url);
    }
    String path = url.substring(videos);
    JsonNode metadata = record.path("metadata");
    String subject = metadata.isObject() ? RecordFields.optionalText(metadata, "subject") : "";
    return new LoadEvent.Loaded(
        new EvalItem(
            Long.toString(id),
            Benchmark.MMVU,
            path,
            RecordFields.text(record, "question"),
            options,
            ProblemType.MULTIPLE_CHOICE,
            RecordFields.goldLetter(RecordFields.text(record, "answer"), options),
            RecordFields.categories(
                Category.SUBJECT, subject.isEmpty() ? VideoR1Records.mmvuSubject(path) : subject)));
  }
}
