package dev.videop2r.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    Map<String, Prediction> done = PredictionJournal.read(journalFile).predictions();
    List<EvalItem> todo = new ArrayList<>();
    for (EvalItem item : items) {
      Prediction previous = done.get(item.id());
      if (previous == null || (retryFailed && previous.failed())) {
        todo.add(item);
      }
    }
    int answered = 0;
    int failed = 0;
    try (PredictionJournal journal = PredictionJournal.open(journalFile)) {
      for (EvalItem item : todo) {
        Prediction prediction = answer(item);
        journal.append(prediction);
        if (prediction.failed()) {
          failed++;
        } else {
          answered++;
        }
        progress.update(answered + failed, todo.size(), failed);
      }
    }
    return new RunSummary(items.size(), items.size() - todo.size(), answered, failed);
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
