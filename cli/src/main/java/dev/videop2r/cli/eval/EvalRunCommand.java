package dev.videop2r.cli.eval;

import dev.videop2r.cli.FrameOptions;
import dev.videop2r.evaluation.AnswerModel;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.BenchmarkScore;
import dev.videop2r.evaluation.BenchmarkScorer;
import dev.videop2r.evaluation.EvalItem;
import dev.videop2r.evaluation.EvalRunner;
import dev.videop2r.evaluation.InputCondition;
import dev.videop2r.evaluation.LoadedAnnotations;
import dev.videop2r.evaluation.MediaResolver;
import dev.videop2r.evaluation.ObservationPrompts;
import dev.videop2r.evaluation.Prediction;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.PromptStyle;
import dev.videop2r.evaluation.RunConfig;
import dev.videop2r.evaluation.RunDirectory;
import dev.videop2r.evaluation.RunSummary;
import dev.videop2r.evaluation.VideoSampling;
import dev.videop2r.report.ProgressLine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code videop2r eval run}: answers every item with a model, journaling outputs to
 * {@code OUT/predictions.jsonl} (rerun the same command to resume), then scores the run.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a model over a benchmark, then score it.",
        "Resumable: rerun the same command after an interruption and only the items not yet in",
        "OUT/predictions.jsonl are asked."})
public final class EvalRunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--media-root", paramLabel = "DIR",
      description = "Directory the annotation's video paths are relative to (required unless --condition text"
          + " or text+obs).")
  Path mediaRoot;

  @ArgGroup(exclusive = false, heading = "Model:%n")
  ModelOptions model;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Run directory (created; resumed if it exists).")
  Path out;

  @Mixin FrameOptions frames = FrameOptions.inference();

  @Option(names = "--prompt", defaultValue = "process-aware", paramLabel = "process-aware|video-r1",
      description = "Prompt wording (default: ${DEFAULT-VALUE}; video-r1 for Video-R1-lineage baselines).")
  PromptStyle style;

  @Option(names = "--condition", defaultValue = "video", paramLabel = "video|text|text+obs|video+obs",
      description = "What the model sees besides the question (Table 5 perception effectiveness;"
          + " default: ${DEFAULT-VALUE}).")
  InputCondition inputs;

  @Option(names = "--observations", paramLabel = "FILE",
      description = "Predictions JSONL of another model whose <observation> segments are given to this one"
          + " (with --condition text+obs or video+obs).")
  Path observations;

  @Option(names = "--label", paramLabel = "NAME", description = "Row name in tables (default: the model directory or endpoint model).")
  String label;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N items (smoke tests).")
  Integer limit;

  @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
      description = "Items in flight at once, for --endpoint servers that batch requests (default: ${DEFAULT-VALUE};"
          + " a local --model uses --batch).")
  int workers;

  @Option(names = "--batch", defaultValue = "1", paramLabel = "N",
      description = "Items a local --model decodes together (default: ${DEFAULT-VALUE}); a failing batch is retried"
          + " item by item.")
  int batch;

  @Option(names = "--retry-failed", description = "Ask again the items whose journaled answer is an error.")
  boolean retryFailed;

  @Mixin ScoringOptions scoring;

  @Override
  public Integer call() throws Exception {
    ModelOptions.validate(model, spec.commandLine().getParseResult());
    Benchmark benchmark = scoring.benchmark();
    VideoSampling sampling = new VideoSampling(frames.frames(), frames.maxPixels());
    if (inputs.usesVideo() && mediaRoot == null) {
      throw new IllegalArgumentException("--media-root is required with --condition " + inputs.cliName());
    }
    if (mediaRoot != null && !Files.isDirectory(mediaRoot)) {
      throw new IllegalArgumentException("--media-root " + mediaRoot + " is not a directory");
    }
    if (inputs.usesObservation() != (observations != null)) {
      throw new IllegalArgumentException(inputs.usesObservation()
          ? "--condition " + inputs.cliName() + " needs --observations FILE"
          : "--observations is only used with --condition text+obs or video+obs");
    }
    if (workers > 1 && model.local() != null) {
      throw new IllegalArgumentException("--workers > 1 needs --endpoint; give a local --model --batch instead");
    }
    if (model.source.endpoint != null && model.endpointModel == null) {
      throw new IllegalArgumentException("--endpoint needs --endpoint-model");
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();

    LoadedAnnotations loaded = scoring.load();
    err.printf("%s: %s from %s; %d malformed records%n", benchmark.cliName(), loaded.countNote(), scoring.annotations,
        loaded.errors().size());
    List<EvalItem> items =
        limit == null ? loaded.items() : loaded.items().subList(0, Math.min(limit, loaded.items().size()));
    Map<String, String> observationTexts = Map.of();
    if (observations != null) {
      Map<String, Prediction> other = PredictionJournal.read(observations).predictions();
      observationTexts = ObservationPrompts.observations(other);
      err.printf("observations: %d of %d outputs in %s carry an <observation>%n",
          observationTexts.size(), other.size(), observations);
    }

    RunDirectory run = new RunDirectory(out);
    try (AnswerModel answerer = AnswerModels.open(model, sampling, workers, err)) {
      RunConfig config = new RunConfig(benchmark.cliName(), absolute(scoring.annotations), scoring.formatName(),
          mediaRoot == null ? "" : absolute(mediaRoot), answerer.describe(),
          label != null ? label : model.defaultLabel(), frames.frames(), frames.maxPixels(), style.cliName(), inputs.cliName(),
          observations == null ? "" : absolute(observations));
      checkResumable(run, config);
      run.writeConfig(config);
      MediaResolver media = new MediaResolver(mediaRoot == null ? Path.of(".") : mediaRoot);
      EvalRunner runner = new EvalRunner(answerer, style, media, sampling, inputs, observationTexts);
      ProgressLine line = ProgressLine.of(err, benchmark.cliName(), 0, "items", System.console() != null);
      RunSummary summary = runner.run(items, run.predictions(), retryFailed,
          (done, total, failed) -> line.update(done, total, done, "failed " + failed), workers, batch);
      err.printf("run: %d items, %d already journaled, %d answered now, %d failed now%n",
          summary.items(), summary.alreadyDone(), summary.answered(), summary.failed());
    }
    LoadedAnnotations scoredSet = limit == null ? loaded : loaded.withItems(items);
    scoreRun(scoring.scorer(), scoredSet, run, stdout, limit != null);
    return 0;
  }

  /** Paths in run.json are absolute, so later commands find the files from any working directory. */
  static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /** A run directory holding outputs of other settings is refused rather than mixed. */
  private static void checkResumable(RunDirectory run, RunConfig config) {
    run.config().ifPresent(previous -> {
      if (!previous.sameOutputsAs(config)) {
        throw new IllegalArgumentException("--out " + run.path() + " holds a run with other settings (" + previous
            + "); use another --out directory");
      }
    });
    if (!run.isRun() && Files.exists(run.predictions())) {
      throw new IllegalArgumentException("--out " + run.path() + " has predictions.jsonl but no run.json; refusing to"
          + " append to predictions of unknown settings");
    }
  }

  /**
   * Scores the run's journal and writes score.json. With {@code limited}, journaled predictions of items
   * beyond the limit (from an earlier, longer run) are left out and their count is printed.
   */
  static void scoreRun(BenchmarkScorer scorer, LoadedAnnotations annotations, RunDirectory run, PrintWriter out,
      boolean limited) {
    PredictionJournal.Contents contents = PredictionJournal.read(run.predictions());
    Map<String, Prediction> predictions = new java.util.LinkedHashMap<>(contents.predictions());
    if (limited) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      annotations.items().forEach(item -> ids.add(item.id()));
      int before = predictions.size();
      predictions.keySet().retainAll(ids);
      if (predictions.size() < before) {
        out.printf("  %d journaled predictions beyond --limit are not scored%n", before - predictions.size());
      }
    }
    BenchmarkScore score = scorer.score(annotations, predictions);
    run.writeScore(score, scorer.scoreItems(annotations, predictions));
    ScoreReport.print(score, out);
    contents.errors().forEach(e -> out.println("  predictions file: " + e));
    out.println("  written: " + run.path().resolve("score.json"));
  }
}
