package dev.videop2r.evaluation;

import java.util.List;
import java.util.Set;

/**
 * The category facts of each benchmark that are not stored in its records: VSI-Bench's task kinds,
 * MVBench's task blocks, VideoMMMU's track blocks and Video-MME's duration blocks in the Video-R1 files
 * (benchmarks.md §2, §3, §6, §8; the block rules were verified on the full Video-R1 files).
 */
public final class BenchmarkCategories {

  /** VSI-Bench question types scored by mean relative accuracy. */
  public static final Set<String> VSI_NUMERIC_TASKS =
      Set.of("object_counting", "object_abs_distance", "object_size_estimation", "room_size_estimation");

  /** VSI-Bench's eight tasks, the three rel_direction levels merged (official overall averages these). */
  public static final List<String> VSI_TASKS =
      List.of(
          "object_counting", "object_abs_distance", "object_size_estimation", "room_size_estimation",
          "object_rel_distance", "object_rel_direction", "route_planning", "obj_appearance_order");

  /** MVBench's twenty tasks in the alphabetical order of their json files: block k of 200 ids is task k. */
  public static final List<String> MVBENCH_TASKS =
      List.of(
          "action_antonym", "action_count", "action_localization", "action_prediction",
          "action_sequence", "character_order", "counterfactual_inference", "egocentric_navigation",
          "episodic_reasoning", "fine_grained_action", "fine_grained_pose", "moving_attribute",
          "moving_count", "moving_direction", "object_existence", "object_interaction",
          "object_shuffle", "scene_transition", "state_change", "unexpected_action");

  public static final int MVBENCH_TASK_SIZE = 200;

  /** VideoMMMU tracks in file order (alphabetical config names): ids 1-300, 301-600, 601-900. */
  public static final List<String> VIDEOMMMU_TRACKS = List.of("Adaptation", "Comprehension", "Perception");

  public static final int VIDEOMMMU_TRACK_SIZE = 300;

  /** Video-MME durations in file order: ids 1-900, 901-1800, 1801-2700. */
  public static final List<String> VIDEOMME_DURATIONS = List.of("short", "medium", "long");

  public static final int VIDEOMME_DURATION_SIZE = 900;

  private BenchmarkCategories() {}

  /** The VSI-Bench task of a question type: the three rel_direction difficulty levels are one task. */
  public static String vsiTask(String questionType) {
    return questionType.startsWith("object_rel_direction") ? "object_rel_direction" : questionType;
  }

  public static String mvbenchTask(long problemId) {
    return block(MVBENCH_TASKS, MVBENCH_TASK_SIZE, problemId, "MVBench task");
  }

  public static String videoMmmuTrack(long problemId) {
    return block(VIDEOMMMU_TRACKS, VIDEOMMMU_TRACK_SIZE, problemId, "VideoMMMU track");
  }

  public static String videoMmeDuration(long problemId) {
    return block(VIDEOMME_DURATIONS, VIDEOMME_DURATION_SIZE, problemId, "Video-MME duration");
  }

  /** VCR-Bench's duration buckets of its official accuracy script: up to 60 s, 60-300 s, longer. */
  public static String vcrDurationBucket(double seconds) {
    if (seconds <= 60) {
      return "short (<=60s)";
    }
    return seconds <= 300 ? "medium (60-300s)" : "long (>300s)";
  }

  private static String block(List<String> names, int size, long problemId, String what) {
    long index = (problemId - 1) / size;
    if (problemId < 1 || index >= names.size()) {
      throw new MalformedRecordException(
          "problem_id " + problemId + " is outside 1.." + names.size() * size
              + ", so its " + what + " (given by position in the Video-R1 file) is unknown");
    }
    return names.get((int) index);
  }
}
