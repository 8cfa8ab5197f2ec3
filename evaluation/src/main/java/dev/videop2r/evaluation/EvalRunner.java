package dev.videop2r.evaluation;

import dev.videop2r.spec.InvalidFieldException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs a model over a benchmark's items and journals every output. Resumable: items already in the
 * journal are not asked again (failed ones are, when {@code retryFailed}). One item's failure (its video
 * missing, its observation missing, the model throwing) is journaled as that item's error and the run
 * goes on.
 */
public final class EvalRunner {

  private final AnswerModel model;
  private final PromptBuilder prompts;
  private final MediaResolver media;
  private final VideoSampling sampling;
  private final InputCondition condition;
  private final Map<String, String> observations;

  public EvalRunner(
      AnswerModel model,
      PromptBuilder prompts,
      MediaResolver media,
      VideoSampling sampling,
      InputCondition condition,
      Map<String, String> observations) {
    this.model = model;
    this.prompts = prompts;
    this.media = media;
    this.sampling = sampling;
    this.condition = condition;
    this.observations = Map.copyOf(observations);
  }

  public RunSummary run(
      List<EvalItem> items, Path journalFile, boolean retryFailed, ProgressListener progress) {
    return run(items, journalFile, retryFailed, progress, 1, 1);
  }

  /**
   * Like {@link #run(List, Path, boolean, ProgressListener)}, with either {@code workers} items in flight at
   * once (for endpoints that serve requests in parallel; the model must then be thread-safe) or items handed
   * to the model {@code batch} at a time ({@link AnswerModel#answerBatch}; a local model decodes them
   * together). Outputs are journaled by this thread as they come; the journal is keyed by id, so order does
   * not matter.
   */
  public RunSummary run(List<EvalItem> items, Path journalFile, boolean retryFailed, ProgressListener progress,
      int workers, int batch) {
    InvalidFieldException.check(workers >= 1, "workers", "must be at least 1, got " + workers);
    InvalidFieldException.check(batch >= 1, "batch", "must be at least 1, got " + batch);
    InvalidFieldException.check(workers == 1 || batch == 1, "workers",
        "more than one worker (endpoints) and a batch (local models) do not go together; got batch " + batch);
    Map<String, Prediction> done = PredictionJournal.read(journalFile).predictions();
    List<EvalItem> pending = new ArrayList<>();
    for (EvalItem item : items) {
      Prediction previous = done.get(item.id());
      if (previous == null || (retryFailed && previous.failed())) {
        pending.add(item);
      }
    }
    int[] counts = new int[2];
    try (PredictionJournal journal = PredictionJournal.open(journalFile)) {
      Consumer<Prediction> record = prediction -> {
        journal.append(prediction);
        counts[prediction.failed() ? 1 : 0]++;
        progress.update(counts[0] + counts[1], pending.size(), counts[1]);
      };
      if (workers > 1) {
        answerConcurrently(pending, workers, record);
      } else {
        for (int from = 0; from < pending.size(); from += batch) {
          answerBatch(pending.subList(from, Math.min(pending.size(), from + batch)), record);
        }
      }
    }
    return new RunSummary(items.size(), items.size() - pending.size(), counts[0], counts[1]);
  }

  private void answerConcurrently(List<EvalItem> pending, int workers, Consumer<Prediction> record) {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      CompletionService<Prediction> answers = new ExecutorCompletionService<>(pool);
      pending.forEach(item -> answers.submit(() -> answer(prepare(item))));
      for (int i = 0; i < pending.size(); i++) {
        record.accept(answers.take().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; the journal keeps every answer recorded so far", e);
    } catch (ExecutionException e) {
      // answer() turns every failure into a journaled error, so only a JVM error gets here.
      throw new IllegalStateException("answering failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Answers a group of items in one model call. When that call fails, the group's items are asked one by
   * one, so the failure lands on the item that causes it and the others still get answers.
   */
  private void answerBatch(List<EvalItem> group, Consumer<Prediction> record) {
    List<Prepared> ready = new ArrayList<>();
    for (EvalItem item : group) {
      Prepared prepared = prepare(item);
      if (prepared.failure() != null) {
        record.accept(prepared.failure());
      } else {
        ready.add(prepared);
      }
    }
    if (ready.size() == 1) {
      record.accept(answer(ready.get(0)));
      return;
    }
    if (ready.isEmpty()) {
      return;
    }
    List<String> outputs;
    try {
      outputs = model.answerBatch(ready.stream().map(Prepared::request).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; the journal keeps every answer recorded so far", e);
    } catch (Exception e) {
      ready.forEach(p -> record.accept(answer(p)));
      return;
    }
    if (outputs.size() != ready.size()) {
      throw new IllegalStateException(
          "model " + model.describe() + " returned " + outputs.size() + " answers for " + ready.size() + " requests");
    }
    for (int i = 0; i < ready.size(); i++) {
      record.accept(Prediction.of(ready.get(i).request().id(), outputs.get(i)));
    }
  }

  /** An item's request, or the error that keeps it from being asked. */
  private record Prepared(AnswerRequest request, Prediction failure) {}

  private Prepared prepare(EvalItem item) {
    try {
      String prompt = prompts.prompt(item);
      if (condition.usesObservation()) {
        String observation = observations.get(item.id());
        if (observation == null) {
          return failed(item, "no observation for this item in the observations file");
        }
        prompt = ObservationPrompts.withObservation(prompt, observation);
      }
      Optional<Path> video = Optional.empty();
      if (condition.usesVideo()) {
        video = media.resolve(item.mediaPath());
        if (video.isEmpty()) {
          return failed(item, "video not found: '" + item.mediaPath() + "' under media root " + media.root());
        }
      }
      return new Prepared(new AnswerRequest(item.id(), prompt, video, sampling), null);
    } catch (RuntimeException e) {
      return failed(item, "cannot build the request: " + message(e));
    }
  }

  private Prediction answer(Prepared prepared) {
    if (prepared.failure() != null) {
      return prepared.failure();
    }
    String id = prepared.request().id();
    try {
      return Prediction.of(id, model.answer(prepared.request()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at problem_id " + id, e);
    } catch (dev.videop2r.pipeline.RunAbortedException e) {
      throw e;
    } catch (Exception e) {
      return new Prediction(id, "", "model failed: " + message(e));
    }
  }

  private static Prepared failed(EvalItem item, String why) {
    return new Prepared(null, new Prediction(item.id(), "", why));
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
