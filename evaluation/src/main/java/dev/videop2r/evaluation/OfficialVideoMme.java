package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * Video-MME rows (the HF parquet exported to JSON or JSON Lines): {@code video_id, duration, domain,
 * sub_category, videoID, question_id, task_type, question, options ("A. ..."), answer}. Subtitles are never
 * read (the "without subtitles" setting). Videos are {@code <videoID>.mp4}; the media resolver also finds
 * the few {@code .MP4} / {@code .mkv} files.
 */
final class OfficialVideoMme implements RecordConverter {
  @Override
  public LoadEvent convert(JsonNode record, String location) {
    List<String> options = RecordFields.letteredOptions(RecordFields.strings(record, "options"));
    return new LoadEvent.Loaded(
        new EvalItem(
            RecordFields.text(record, "question_id"),
            Benchmark.VIDEO_MME,
            RecordFields.text(record, "videoID") + ".mp4",
            RecordFields.text(record, "question"),
            options,
            ProblemType.MULTIPLE_CHOICE,
            RecordFields.goldLetter(RecordFields.text(record, "answer"), options),
            RecordFields.categories(
                Category.DURATION, RecordFields.text(record, "duration"),
                Category.DOMAIN, RecordFields.optionalText(record, "domain"),
                Category.TASK_TYPE, RecordFields.optionalText(record, "task_type"))));
  }
}
