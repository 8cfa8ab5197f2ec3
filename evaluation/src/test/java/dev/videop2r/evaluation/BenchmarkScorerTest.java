package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scores of the fixture runs, each worked out by hand in the comments. */
class BenchmarkScorerTest {

  private static final BenchmarkScorer VIDEO_R1 =
      new BenchmarkScorer(ScoringRules.VIDEO_R1, AnswerExtraction.VIDEO_R1_FALLBACK);
  private static final BenchmarkScorer OFFICIAL =
      new BenchmarkScorer(ScoringRules.OFFICIAL, AnswerExtraction.VIDEO_R1_FALLBACK);

  private static Map<String, Double> rows(BenchmarkScore score, String key) {
    return score.breakdowns().get(key).stream()
        .collect(Collectors.toMap(CategoryScore::name, CategoryScore::score));
  }

  @Test
  void vsiBenchVideoR1() {
    // MRA (Video-R1): 3 for 4 -> 0.5, 2.0 for 2.0 -> 1, 4.5 for 4 -> 0.8, "3 meters" -> 0: mean 57.5.
    // MC: 500 right, 501 "A." wrong, 502 right, 503 wrong, 504 missing: 2/5 = 40.
    BenchmarkScore s = VIDEO_R1.score(
        Fixtures.load(Benchmark.VSI_BENCH, "vsibench-videor1.json"), Fixtures.predictions("vsibench-predictions.jsonl"));
    // Video-R1's per-item MRA is a float32 mean (0.8 is 0.800000011920929), hence the 1e-5 tolerance.
    assertEquals(57.5, s.mra(), 1e-5);
    assertEquals(40.0, s.accuracy(), 1e-9);
    assertEquals(48.75, s.headline(), 1e-5);
    assertEquals(BenchmarkScorer.VSI_VIDEO_R1_OVERALL, s.headlineRule());
    // Tasks: counting 50, abs 100, size 80, room 0, rel_distance 100, rel_direction (0+1)/2, route 0, order 0.
    assertEquals(47.5, s.overall().get(BenchmarkScorer.VSI_OFFICIAL_OVERALL), 1e-5);
    assertEquals(8, s.breakdowns().get(Category.TASK).size());
    assertEquals(BenchmarkCategories.VSI_TASKS,
        s.breakdowns().get(Category.TASK).stream().map(CategoryScore::name).toList());
    assertEquals(50.0, rows(s, Category.TASK).get("object_rel_direction"), 1e-9);
    assertEquals(9, s.items());
    assertEquals(1, s.missing());
    assertEquals(2, s.annotationErrors());
  }

  @Test
  void vsiBenchOfficial() {
    // Official MRA: 0.6, 1, 0.8, 0 -> 60; lenient letters: 500, 501, 502 right -> 3/5 = 60.
    // Tasks: 60, 100, 80, 0, 100, 100, 0, 0 -> 55.
    BenchmarkScore s = OFFICIAL.score(
        Fixtures.load(Benchmark.VSI_BENCH, "vsibench-videor1.json"), Fixtures.predictions("vsibench-predictions.jsonl"));
    assertEquals(55.0, s.headline(), 1e-9);
    assertEquals(BenchmarkScorer.VSI_OFFICIAL_OVERALL, s.headlineRule());
    assertEquals(60.0, s.overall().get(BenchmarkScorer.VSI_VIDEO_R1_OVERALL), 1e-9);
    assertEquals(60.0, rows(s, Category.TASK).get("object_counting"), 1e-9);
  }

  @Test
  void videoMmmuByTrack() {
    // 1 A right, 15 "2.50" vs 2.5 right, 301 right, 601 "b" wrong (case), 603 right: 4/5.
    BenchmarkScore s = VIDEO_R1.score(
        Fixtures.load(Benchmark.VIDEO_MMMU, "videommmu-videor1.json"), Fixtures.predictions("videommmu-predictions.jsonl"));
    assertEquals(80.0, s.headline(), 1e-9);
    assertNull(s.mra());
    assertEquals(List.of("Perception", "Comprehension", "Adaptation"),
        s.breakdowns().get(Category.TRACK).stream().map(CategoryScore::name).toList());
    assertEquals(Map.of("Perception", 50.0, "Comprehension", 100.0, "Adaptation", 100.0), rows(s, Category.TRACK));
    assertEquals(1, s.annotationErrors());
  }

  @Test
  void mvbenchMicroAndTaskMean() {
    // Video-R1: "C. Piling..." wrong, 201 right, 401 right, 402 wrong, 1282 (a real single-option
    // counterfactual item) right: 3/5; tasks 0, 100, 50, 100 -> mean 62.5.
    BenchmarkScore r1 = VIDEO_R1.score(
        Fixtures.load(Benchmark.MVBENCH, "mvbench-videor1.json"), Fixtures.predictions("mvbench-predictions.jsonl"));
    assertEquals(60.0, r1.headline(), 1e-9);
    assertEquals(62.5, r1.overall().get(BenchmarkScorer.MVBENCH_TASK_MEAN), 1e-9);
    assertEquals(0, r1.annotationErrors());
    // Official: the first becomes right: 4/5 micro; tasks 100, 100, 50, 100 -> 87.5.
    BenchmarkScore official = OFFICIAL.score(
        Fixtures.load(Benchmark.MVBENCH, "mvbench-videor1.json"), Fixtures.predictions("mvbench-predictions.jsonl"));
    assertEquals(87.5, official.headline(), 1e-9);
    assertEquals(80.0, official.overall().get(BenchmarkScorer.MICRO_ACCURACY), 1e-9);
  }

  @Test
  void videoMmeByDurationCountsUnknownPredictions() {
    // 1 right, 2 wrong, 901 untagged "The best answer is B" is the whole output -> wrong, 1801 right.
    BenchmarkScore s = VIDEO_R1.score(
        Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json"), Fixtures.predictions("videomme-predictions.jsonl"));
    assertEquals(50.0, s.headline(), 1e-9);
    assertEquals(Map.of("short", 50.0, "medium", 0.0, "long", 100.0), rows(s, Category.DURATION));
    assertEquals(1, s.unknownPredictions());
    assertTrue(s.errors().stream().anyMatch(e -> e.location().equals("prediction 777")));
    BenchmarkScore official = OFFICIAL.score(
        Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json"), Fixtures.predictions("videomme-predictions.jsonl"));
    assertEquals(75.0, official.headline(), 1e-9);
  }

  @Test
  void firstTagExtractionGivesUntaggedOutputsNothing() {
    BenchmarkScorer firstTag = new BenchmarkScorer(ScoringRules.OFFICIAL, AnswerExtraction.FIRST_ANSWER_TAG);
    BenchmarkScore s = firstTag.score(
        Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json"), Fixtures.predictions("videomme-predictions.jsonl"));
    assertEquals(50.0, s.headline(), 1e-9);
  }

  @Test
  void failedPredictionsScoreZeroAndAreListed() {
    LoadedAnnotations mme = Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json");
    Map<String, Prediction> predictions = Map.of(
        "1", Prediction.of("1", "<answer>C</answer>"),
        "2", new Prediction("2", "", "video not found: 'x.mp4'"));
    BenchmarkScore s = VIDEO_R1.score(mme, predictions);
    assertEquals(25.0, s.headline(), 1e-9);
    assertEquals(1, s.failed());
    assertEquals(2, s.missing());
    assertEquals(1, s.scored());
    assertTrue(s.errors().stream().anyMatch(e -> e.message().contains("video not found")));
  }

  @Test
  void predictionsForExcludedRecordsAreCountedApartFromUnknownIds() {
    // VCR-Bench ids 1, 3 are multiple choice (1 right, 3 wrong), 2 is open (excluded), 9 exists nowhere.
    LoadedAnnotations vcr = Fixtures.load(Benchmark.VCR_BENCH, "vcrbench-input.json");
    Map<String, Prediction> predictions = Map.of(
        "1", Prediction.of("1", "<answer>B</answer>"),
        "2", Prediction.of("2", "[10, 20, 30, 40]"),
        "3", Prediction.of("3", "<answer>A</answer>"),
        "9", Prediction.of("9", "<answer>A</answer>"));
    BenchmarkScore s = VIDEO_R1.score(vcr, predictions);
    assertEquals(50.0, s.headline(), 1e-9);
    assertEquals(1, s.predictionsOutsideSubset());
    assertEquals(1, s.unknownPredictions());
  }
}
