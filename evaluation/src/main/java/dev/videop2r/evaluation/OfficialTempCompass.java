package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TempCompass's own question files ({@code questions/<task>.json}, nested {@code {video_id: {dim:
 * [{question, answer}]}}}) or their flat rows ({@code task, video_id, dim, question, answer}). Subset: the
 * multi-choice task (1,580 questions), the number Video-R1-lineage papers report; yes_no,
 * caption_matching and captioning records are excluded. A multi-choice question is the stem followed by
 * "\nA. ..." option lines; its answer is the full option ("A. dunking a basketball").
 */
final class OfficialTempCompass {

  static final String MULTI_CHOICE = "multi-choice";

  private static final Pattern OPTION_LINE = Pattern.compile("\\s*([A-Z])\\.\\s*(.*?)\\s*");

  /** Questions numbered per (video, dimension) in file order, which makes the ids. */
  private final Map<String, Integer> seen = new HashMap<>();

  /** Flat rows: one record per question with its task. */
  LoadEvent convertFlat(JsonNode record, String location, String fileTask) {
    String task = RecordFields.optionalText(record, "task");
    return convert(
        task.isEmpty() ? fileTask : task,
        RecordFields.text(record, "video_id"),
        RecordFields.text(record, "dim"),
        record,
        location);
  }

  /** One {@code {key: video_id, value: {dim: [questions]}}} entry of a nested task file. */
  List<LoadEvent> convertNested(JsonNode entry, String location, String task) {
    String videoId = entry.path("key").asText();
    JsonNode dims = entry.path("value");
    if (!dims.isObject()) {
      throw new MalformedRecordException("video '" + videoId + "' does not map to {dimension: [questions]}");
    }
    List<LoadEvent> events = new ArrayList<>();
    dims.properties()
        .forEach(
            dim -> {
              int n = 0;
              for (JsonNode question : dim.getValue()) {
                String where = location + " " + dim.getKey() + "[" + n++ + "]";
                try {
                  events.add(convert(task, videoId, dim.getKey(), question, where));
                } catch (MalformedRecordException e) {
                  events.add(new LoadEvent.Malformed(new RecordError(where, e.getMessage())));
                }
              }
            });
    return events;
  }

  private LoadEvent convert(String task, String videoId, String dim, JsonNode record, String location) {
    if (!task.equals(MULTI_CHOICE)) {
      return new LoadEvent.Excluded(
          location, "", "TempCompass task '" + task + "' is outside the multi-choice subset");
    }
    // Numbered before any check, so a bad question does not shift the ids of the ones after it.
    int number = seen.merge(videoId + "/" + dim, 1, Integer::sum);
    String question = RecordFields.text(record, "question");
    List<String> lines = List.of(question.split("\n"));
    int firstOption = 0;
    while (firstOption < lines.size() && !isFirstOption(lines.get(firstOption))) {
      firstOption++;
    }
    if (firstOption == lines.size()) {
      throw new MalformedRecordException("multi-choice question has no 'A. ' option line");
    }
    List<String> options = RecordFields.letteredOptions(lines.subList(firstOption, lines.size()).stream()
        .filter(l -> !l.isBlank()).map(OfficialTempCompass::normalisedOption).toList());
    String answer = normalisedOption(RecordFields.text(record, "answer"));
    String gold = RecordFields.goldLetter(answer.isEmpty() ? "" : answer.substring(0, 1), options);
    if (answer.length() > 1 && !options.contains(answer)) {
      throw new MalformedRecordException("answer '" + answer + "' is not one of the options " + options);
    }
    return new LoadEvent.Loaded(
        new EvalItem(
            videoId + "/" + dim + "/" + number,
            Benchmark.TEMPCOMPASS,
            videoId + ".mp4",
            String.join("\n", lines.subList(0, firstOption)),
            options,
            ProblemType.MULTIPLE_CHOICE,
            gold,
            Map.of(Category.DIMENSION, dim)));
  }

  private static boolean isFirstOption(String line) {
    Matcher m = OPTION_LINE.matcher(line);
    return m.matches() && m.group(1).equals("A");
  }

  /**
   * "X. text" from the spellings the official file also uses: a leading space (" D. away from the screen")
   * or no space after the period ("C.Both events happen at the same time"), three questions in all.
   */
  private static String normalisedOption(String line) {
    Matcher m = OPTION_LINE.matcher(line);
    return m.matches() ? m.group(1) + ". " + m.group(2) : line.strip();
  }
}
