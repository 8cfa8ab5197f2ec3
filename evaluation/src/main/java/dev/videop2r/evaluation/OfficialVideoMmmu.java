package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * VideoMMMU's own records (HF configs Perception / Comprehension / Adaptation): {@code id, question,
 * options (unlettered), answer, question_type}. The track is the config: a {@code track} field when the
 * rows were exported together, otherwise the track named in the file name. Open questions are kept when
 * their answer is a number (Video-R1 scores them as "numerical"); other open questions are outside the
 * subset. Videos are {@code <id>.mp4} (found under their discipline folder by the media resolver).
 */
final class OfficialVideoMmmu implements RecordConverter {

  /** MMMU-style "<image 1>" placeholders; Video-R1's file has them removed ("...shown in ."), so do we. */
  private static final Pattern IMAGE_PLACEHOLDER = Pattern.compile("<image \\d+>");

  private final String fileTrack;

  OfficialVideoMmmu(String fileName) {
    this.fileTrack =
        BenchmarkCategories.VIDEOMMMU_TRACKS.stream()
            .filter(t -> fileName.toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElse("");
  }

  @Override
  public LoadEvent convert(JsonNode record, String location) {
    String track = RecordFields.optionalText(record, "track");
    if (track.isEmpty()) {
      track = fileTrack;
    }
    if (!BenchmarkCategories.VIDEOMMMU_TRACKS.contains(track)) {
      throw new MalformedRecordException(
          "no VideoMMMU track: give each record a 'track' field (Perception, Comprehension, Adaptation) "
              + "or name the file after its track");
    }
    String videoId = RecordFields.text(record, "id");
    String answer = RecordFields.text(record, "answer");
    String type = RecordFields.optionalText(record, "question_type");
    List<String> options = RecordFields.letter(RecordFields.strings(record, "options"));
    ProblemType kind;
    String gold;
    if (type.equals("open") || options.isEmpty()) {
      if (!isNumber(answer)) {
        return new LoadEvent.Excluded(location, track + ":" + videoId, "open question with a non-numeric answer");
      }
      kind = ProblemType.NUMERICAL;
      gold = RecordFields.goldNumber(answer);
      options = List.of();
    } else {
      kind = ProblemType.MULTIPLE_CHOICE;
      gold = RecordFields.goldLetter(answer, options);
    }
    return new LoadEvent.Loaded(
        new EvalItem(
            track + ":" + videoId,
            Benchmark.VIDEO_MMMU,
            videoId + ".mp4",
            IMAGE_PLACEHOLDER.matcher(RecordFields.text(record, "question")).replaceAll(""),
            options,
            kind,
            gold,
            Map.of(Category.TRACK, track)));
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text.replace(",", "").strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
