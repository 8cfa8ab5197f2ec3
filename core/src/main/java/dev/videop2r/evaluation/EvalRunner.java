package dev.videop2r.evaluation;

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
    return run(items, journalFile, retryFailed, progress, 1);
  }

  /**
   * Like {@link #run(List, Path, boolean, ProgressListener)} with {@code workers} items in flight at once
   * (for endpoints that serve requests in parallel; the model must then be thread-safe). Outputs are
   * journaled by this thread in completion order; the journal is keyed by id, so order does not matter.
   */
  public RunSummary run(
      List<EvalItem> items, Path journalFile, boolean retryFailed, ProgressListener progress, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
    Map<String, Prediction> done = PredictionJournal.read(journalFile).predictions();
    List<EvalItem> todo = new ArrayList<>();
    for (EvalItem item : items) {
      Prediction previous = done.get(item.id());
      if (previous == null || (retryFailed && previous.failed())) {
        todo.add(item);
      }
    }
    int[] counts = new int[2];
    try (PredictionJournal journal = PredictionJournal.open(journalFile)) {
      Consumer<Prediction> record = prediction -> {
        journal.append(prediction);
        counts[prediction.failed() ? 1 : 0]++;
        progress.update(counts[0] + counts[1], todo.size(), counts[1]);
      };
      if (workers == 1) {
        todo.forEach(item -> record.accept(answer(item)));
      } else {
        answerConcurrently(todo, workers, record);
      }
    }
    return new RunSummary(items.size(), items.size() - todo.size(), counts[0], counts[1]);
  }

  private void answerConcurrently(List<EvalItem> todo, int workers, Consumer<Prediction> record) {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      CompletionService<Prediction> answers = new ExecutorCompletionService<>(pool);
      todo.forEach(item -> answers.submit(() -> answer(item)));
      for (int i = 0; i < todo.size(); i++) {
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

  private Prediction answer(EvalItem item) {
    try {
      String prompt = prompts.prompt(item);
      if (condition.usesObservation()) {
        String observation = observations.get(item.id());
        if (observation == null) {
          return new Prediction(item.id(), "", "no observation for this item in the observations file");
        }
        prompt = ObservationPrompts.withObservation(prompt, observation);
      }
      Optional<Path> video = Optional.empty();
      if (condition.usesVideo()) {
        video = media.resolve(item.mediaPath());
        if (video.isEmpty()) {
          return new Prediction(
              item.id(), "", "video not found: '" + item.mediaPath() + "' under media root " + media.root());
        }
      }
      return Prediction.of(item.id(), model.answer(new AnswerRequest(item.id(), prompt, video, sampling)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at problem_id " + item.id(), e);
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Prediction(item.id(), "", "model failed: " + message);
    }
  }
}
