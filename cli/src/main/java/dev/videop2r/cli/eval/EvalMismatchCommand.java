package dev.videop2r.cli.eval;

import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.cli.data.JudgeOptions;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.MismatchAnalysis;
import dev.videop2r.evaluation.MismatchReport;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.ResultsTable;
import dev.videop2r.evaluation.RunConfig;
import dev.videop2r.evaluation.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code videop2r eval mismatch}: think–answer mismatch per run (paper Table 6). */
@Command(name = "mismatch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Think–answer mismatch per run (paper Table 6).",
        "A judge reads each <think> and names the option it implies; the rate is the share of judged",
        "multiple-choice answers that differ. Writes RUN_DIR/mismatch.json and prints the table."})
public final class EvalMismatchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories, or folders of them.")
  List<Path> runs;

  @Mixin JudgeOptions judge;

  @Mixin EndpointOptions endpoint;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ResultsTable table = new ResultsTable();
    try (JudgeOptions.OpenThinkAnswerJudge open = judge.thinkAnswer(endpoint)) {
      MismatchAnalysis analysis = new MismatchAnalysis(open.judge(), open.name());
      for (RunDirectory run : RunDirectories.expand(runs)) {
        RunConfig config = run.config().orElseThrow();
        Benchmark benchmark = config.bench();
        MismatchReport report = analysis.analyse(config.loadAnnotations(),
            PredictionJournal.read(run.predictions()).predictions());
        run.writeMismatch(report);
        out.printf(Locale.ROOT, "%s [%s] %s: %.1f%% (%d of %d judged; %d without think/answer, %d imply no option,"
                + " %d judge failures, %d without prediction; %d MC items)%n",
            run.path(), config.label(), benchmark.cliName(), report.rate(), report.mismatched(), report.judged(),
            report.noThinkOrAnswer(), report.noneImplied(), report.noScore(), report.failedOrMissing(),
            report.multipleChoiceItems());
        table.put(config.label(), benchmark, report.rate());
      }
    }
    out.print(table.render());
    out.flush();
    return 0;
  }
}
