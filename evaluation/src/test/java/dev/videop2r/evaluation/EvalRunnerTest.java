package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRunnerTest {

  @TempDir Path dir;

  /** Answers the gold letter from the prompt's item, and records what it was asked. */
  private static final class RecordingModel implements AnswerModel {
    final List<AnswerRequest> requests = new ArrayList<>();
    final Map<String, String> answers;
    String failOn = "";

    RecordingModel(Map<String, String> answers) {
      this.answers = answers;
    }

    @Override
    public String answer(AnswerRequest request) {
      requests.add(request);
      if (request.id().equals(failOn)) {
        throw new IllegalStateException("CUDA out of memory");
      }
      return "<think>t</think><answer>" + answers.getOrDefault(request.id(), "A") + "</answer>";
    }

    @Override
    public String describe() {
      return "recording";
    }
  }

  private LoadedAnnotations videoMme() {
    return Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json");
  }

  private Path mediaRoot(String... files) throws IOException {
    Path root = dir.resolve("media");
    for (String f : files) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.write(p, new byte[] {0});
    }
    return root;
  }

  private EvalRunner runner(AnswerModel model, Path media, InputCondition condition, Map<String, String> observations) {
    return new EvalRunner(model, item -> "Q: " + item.problem(), new MediaResolver(media),
        new VideoSampling(32, 200704), condition, observations);
  }

  @Test
  void missingVideoAndModelFailureAreJournaledPerItemAndTheRunGoesOn() throws IOException {
    // fFjv93ACGo8.mp4 sits under VideoMME/, abc.mp4 at the root, xyz.MP4 is found by name; none is missing
    // except when left out here: xyz is absent.
    Path media = mediaRoot("VideoMME/fFjv93ACGo8.mp4", "abc.mp4");
    RecordingModel model = new RecordingModel(Map.of("1", "C", "2", "A", "901", "B"));
    model.failOn = "2";
    Path journal = dir.resolve("out/predictions.jsonl");
    RunSummary summary = runner(model, media, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal, false, ProgressListener.NONE);
    assertEquals(new RunSummary(4, 0, 2, 2), summary);
    Map<String, Prediction> p = PredictionJournal.read(journal).predictions();
    assertEquals(4, p.size());
    assertTrue(p.get("2").error().contains("CUDA out of memory"));
    assertTrue(p.get("1801").error().contains("video not found: './Evaluation/VideoMME/xyz.MP4'"));
    assertEquals(media.resolve("VideoMME/fFjv93ACGo8.mp4"), model.requests.get(0).video().orElseThrow());
    assertEquals(media.resolve("abc.mp4"), model.requests.get(2).video().orElseThrow());
    assertEquals(32, model.requests.get(0).sampling().frames());

    BenchmarkScore score = new BenchmarkScorer(ScoringRules.VIDEO_R1, AnswerExtraction.VIDEO_R1_FALLBACK)
        .score(videoMme(), p);
    assertEquals(50.0, score.headline(), 1e-9); // 1 and 901 right; 2 and 1801 failed
    assertEquals(2, score.failed());
  }

  @Test
  void resumeSkipsJournaledItemsAndRetriesFailuresOnlyWhenAsked() throws IOException {
    Path media = mediaRoot("fFjv93ACGo8.mp4", "abc.mp4", "xyz.mp4");
    Path journal = dir.resolve("predictions.jsonl");
    RecordingModel first = new RecordingModel(Map.of());
    first.failOn = "901";
    runner(first, media, InputCondition.VIDEO, Map.of()).run(videoMme().items().subList(0, 3), journal, false,
        ProgressListener.NONE);
    assertEquals(3, first.requests.size());

    RecordingModel second = new RecordingModel(Map.of());
    RunSummary resumed = runner(second, media, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal, false, ProgressListener.NONE);
    assertEquals(new RunSummary(4, 3, 1, 0), resumed);
    assertEquals(List.of("1801"), second.requests.stream().map(AnswerRequest::id).toList());

    RecordingModel third = new RecordingModel(Map.of());
    RunSummary retried = runner(third, media, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal, true, ProgressListener.NONE);
    assertEquals(List.of("901"), third.requests.stream().map(AnswerRequest::id).toList());
    assertEquals(new RunSummary(4, 3, 1, 0), retried);
    assertFalse(PredictionJournal.read(journal).predictions().get("901").failed());
  }

  @Test
  void aTornLastLineIsReportedAndItsItemRedone() throws IOException {
    Path media = mediaRoot("fFjv93ACGo8.mp4", "abc.mp4", "xyz.mp4");
    Path journal = dir.resolve("predictions.jsonl");
    Files.writeString(journal, "{\"problem_id\": 1, \"output\": \"<answer>C</answer>\"}\n{\"problem_id\": 2, \"outp",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE);
    PredictionJournal.Contents before = PredictionJournal.read(journal);
    assertEquals(1, before.predictions().size());
    assertEquals(1, before.errors().size());
    assertTrue(before.errors().get(0).toString().contains("line 2"));

    RecordingModel model = new RecordingModel(Map.of());
    runner(model, media, InputCondition.VIDEO, Map.of()).run(videoMme().items(), journal, false, ProgressListener.NONE);
    assertEquals(List.of("2", "901", "1801"), model.requests.stream().map(AnswerRequest::id).toList());
    PredictionJournal.Contents after = PredictionJournal.read(journal);
    assertEquals(4, after.predictions().size());
    assertEquals(1, after.errors().size()); // the torn line stays, on its own line, and is still reported
  }

  @Test
  void textConditionsSendNoVideoAndObservationConditionsNeedAnObservation() throws IOException {
    Path media = mediaRoot();
    RecordingModel model = new RecordingModel(Map.of());
    Path journal = dir.resolve("text-obs.jsonl");
    runner(model, media, InputCondition.TEXT_OBSERVATION, Map.of("1", "Ten berries hang on the tree."))
        .run(videoMme().items().subList(0, 2), journal, false, ProgressListener.NONE);
    assertEquals(1, model.requests.size());
    AnswerRequest asked = model.requests.get(0);
    assertTrue(asked.video().isEmpty());
    assertTrue(asked.prompt().contains("<observation>Ten berries hang on the tree.</observation>"));
    assertTrue(asked.prompt().endsWith("Q: " + videoMme().items().get(0).problem()));
    assertTrue(PredictionJournal.read(journal).predictions().get("2").error().contains("no observation"));
  }

  @Test
  void observationsAreTakenFromAnotherRunsOutputs() {
    Map<String, String> obs = ObservationPrompts.observations(Map.of(
        "1", Prediction.of("1", "<observation> A red ball rolls left. </observation><think>x</think><answer>A</answer>"),
        "2", Prediction.of("2", "<think>no observation</think><answer>B</answer>"),
        "3", new Prediction("3", "", "failed")));
    assertEquals(Map.of("1", "A red ball rolls left."), obs);
  }

  @Test
  void workersAnswerConcurrentlyAndEveryAnswerIsJournaled() throws Exception {
    Path media = mediaRoot("fFjv93ACGo8.mp4", "abc.mp4", "xyz.mp4");
    // The first three calls wait for each other: only three calls in flight at once get past the barrier
    // (the timeout only stops a broken run from hanging; it is not a timing assertion).
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    AnswerModel model = new AnswerModel() {
      @Override
      public String answer(AnswerRequest request) throws Exception {
        if (calls.incrementAndGet() <= 3) {
          together.await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return "<answer>" + request.id() + "</answer>";
      }

      @Override
      public String describe() {
        return "concurrent";
      }
    };
    Path journal = dir.resolve("concurrent.jsonl");
    RunSummary summary = runner(model, media, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal, false, ProgressListener.NONE, 3, 1);
    assertEquals(new RunSummary(4, 0, 4, 0), summary);
    Map<String, Prediction> p = PredictionJournal.read(journal).predictions();
    for (EvalItem item : videoMme().items()) {
      assertEquals("<answer>" + item.id() + "</answer>", p.get(item.id()).output());
    }
  }

  @Test
  void batchesGoToTheModelTogetherAndAFailingBatchFallsBackToSingleItems() throws IOException {
    Path media = mediaRoot("fFjv93ACGo8.mp4", "abc.mp4");
    List<List<String>> batches = new ArrayList<>();
    AnswerModel model = new AnswerModel() {
      @Override
      public String answer(AnswerRequest request) {
        if (request.id().equals("901")) {
          throw new IllegalStateException("decoder error in 901");
        }
        return "<answer>single " + request.id() + "</answer>";
      }

      @Override
      public List<String> answerBatch(List<AnswerRequest> requests) {
        List<String> ids = requests.stream().map(AnswerRequest::id).toList();
        batches.add(ids);
        if (ids.contains("901")) {
          throw new IllegalStateException("batch failed");
        }
        return ids.stream().map(id -> "<answer>batched " + id + "</answer>").toList();
      }

      @Override
      public String describe() {
        return "batching";
      }
    };
    Path journal = dir.resolve("batched.jsonl");
    // Items 1, 2 | 901, 1801: 1801's video (xyz.MP4) is missing, so the second batch holds 901 alone and is
    // asked directly; only groups of two or more go through answerBatch.
    RunSummary summary = runner(model, media, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal, false, ProgressListener.NONE, 1, 2);
    assertEquals(new RunSummary(4, 0, 2, 2), summary);
    assertEquals(List.of(List.of("1", "2")), batches);
    Map<String, Prediction> p = PredictionJournal.read(journal).predictions();
    assertEquals("<answer>batched 1</answer>", p.get("1").output());
    assertTrue(p.get("901").error().contains("decoder error in 901"));
    assertTrue(p.get("1801").error().contains("video not found"));

    // A failing batch of two: both items are asked again one by one.
    Path media2 = mediaRoot("fFjv93ACGo8.mp4", "abc.mp4", "xyz.mp4");
    batches.clear();
    Path journal2 = dir.resolve("batched2.jsonl");
    runner(model, media2, InputCondition.VIDEO, Map.of())
        .run(videoMme().items(), journal2, false, ProgressListener.NONE, 1, 2);
    assertEquals(List.of(List.of("1", "2"), List.of("901", "1801")), batches);
    Map<String, Prediction> p2 = PredictionJournal.read(journal2).predictions();
    assertEquals("<answer>single 1801</answer>", p2.get("1801").output());
    assertTrue(p2.get("901").failed());
  }
}
