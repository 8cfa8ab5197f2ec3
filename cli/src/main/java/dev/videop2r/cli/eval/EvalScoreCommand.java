package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.BenchmarkScore;
import dev.videop2r.evaluation.BenchmarkScorer;
import dev.videop2r.evaluation.LoadedAnnotations;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.RunConfig;
import dev.videop2r.evaluation.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r eval score}: scores predictions made elsewhere ({@code {problem_id, output}} JSON Lines). */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score predictions made elsewhere.",
        "The predictions file holds one {\"problem_id\": ..., \"output\": \"...\"} per line."})
public final class EvalScoreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "Predictions JSON Lines.")
  Path predictions;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also make DIR a run directory (run.json, predictions, score.json) for 'eval table'.")
  Path out;

  @Option(names = "--label", paramLabel = "NAME", description = "Row name for 'eval table' (with --out; default: the DIR name).")
  String label;

  @Mixin ScoringOptions scoring;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(predictions)) {
      throw new IllegalArgumentException("--predictions " + predictions + " is not a file");
    }
    Benchmark benchmark = scoring.benchmark();
    LoadedAnnotations loaded = scoring.load();
    BenchmarkScorer scorer = scoring.scorer();
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null) {
      PredictionJournal.Contents contents = PredictionJournal.read(predictions);
      BenchmarkScore score = scorer.score(loaded, contents.predictions());
      ScoreReport.print(score, stdout);
      contents.errors().forEach(e -> stdout.println("  predictions file: " + e));
      return 0;
    }
    RunDirectory run = new RunDirectory(out);
    Files.createDirectories(out);
    if (!predictions.toAbsolutePath().normalize().equals(run.predictions().toAbsolutePath().normalize())) {
      Files.copy(predictions, run.predictions(), StandardCopyOption.REPLACE_EXISTING);
    }
    run.writeConfig(new RunConfig(benchmark.cliName(), EvalRunCommand.absolute(scoring.annotations), scoring.formatName(),
        "", "external",
        label != null ? label : out.toAbsolutePath().normalize().getFileName().toString(), 0, 0, "", "", ""));
    EvalRunCommand.scoreRun(scorer, loaded, run, stdout, false);
    return 0;
  }
}
