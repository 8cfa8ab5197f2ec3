package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * One MVBench task file ({@code json/<task>.json}): {@code video, question, candidates, answer} where the
 * answer is the candidate's text. The task is the file name. Ids follow Video-R1's numbering (task block
 * k of 200, then position) so both formats share prediction files. Videos are {@code <folder>/<video>}
 * with the folder of the official task table; the start/end bounds are ignored, as Video-R1 does
 * (whole videos, benchmarks.md §6(e)).
 */
final class OfficialMvBench implements RecordConverter {

  private static final Map<String, String> FOLDERS =
      Map.ofEntries(
          Map.entry("action_sequence", "star/Charades_v1_480"),
          Map.entry("action_prediction", "star/Charades_v1_480"),
          Map.entry("object_interaction", "star/Charades_v1_480"),
          Map.entry("action_localization", "sta/sta_video"),
          Map.entry("episodic_reasoning", "tvqa/frames_fps3_hq"),
          Map.entry("action_antonym", "ssv2_video"),
          Map.entry("fine_grained_action", "Moments_in_Time_Raw/videos"),
          Map.entry("unexpected_action", "FunQA_test/test"),
          Map.entry("object_existence", "clevrer/video_validation"),
          Map.entry("moving_direction", "clevrer/video_validation"),
          Map.entry("moving_count", "clevrer/video_validation"),
          Map.entry("moving_attribute", "clevrer/video_validation"),
          Map.entry("counterfactual_inference", "clevrer/video_validation"),
          Map.entry("object_shuffle", "perception/videos"),
          Map.entry("action_count", "perception/videos"),
          Map.entry("state_change", "perception/videos"),
          Map.entry("character_order", "perception/videos"),
          Map.entry("scene_transition", "scene_qa/video"),
          Map.entry("fine_grained_pose", "nturgbd"),
          Map.entry("egocentric_navigation", "vlnqa"));

  private final String task;
  private final int taskIndex;
  private long position;

  OfficialMvBench(String task) {
    this.task = task;
    this.taskIndex = BenchmarkCategories.MVBENCH_TASKS.indexOf(task);
    if (taskIndex < 0) {
      throw new IllegalArgumentException(
          "'" + task + "' is not an MVBench task file name; expected one of " + BenchmarkCategories.MVBENCH_TASKS);
    }
  }

  @Override
  public LoadEvent convert(JsonNode record, String location) {
    long index = position++;
    if (index >= BenchmarkCategories.MVBENCH_TASK_SIZE) {
      throw new MalformedRecordException(
          "task file holds more than " + BenchmarkCategories.MVBENCH_TASK_SIZE + " records; ids would collide");
    }
    List<String> candidates = RecordFields.strings(record, "candidates");
    String answer = RecordFields.text(record, "answer");
    int goldIndex = candidates.indexOf(answer);
    if (goldIndex < 0) {
      throw new MalformedRecordException("answer '" + answer + "' is not one of the candidates " + candidates);
    }
    List<String> options = RecordFields.letter(candidates);
    return new LoadEvent.Loaded(
        new EvalItem(
            Long.toString(taskIndex * (long) BenchmarkCategories.MVBENCH_TASK_SIZE + index + 1),
            Benchmark.MVBENCH,
            FOLDERS.get(task) + "/" + RecordFields.text(record, "video"),
            RecordFields.text(record, "question"),
            options,
            ProblemType.MULTIPLE_CHOICE,
            RecordFields.goldLetter(String.valueOf((char) ('A' + goldIndex)), options),
            Map.of(Category.TASK, task)));
  }
}
