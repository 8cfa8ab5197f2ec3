package dev.videop2r.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.ResultsTable;
import dev.videop2r.evaluation.RunConfig;
import dev.videop2r.evaluation.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code videop2r eval table}: the paper's Table 1 (or Table 6 with --mismatch) across runs. */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = {"Print the paper's Table 1 layout: one row per run label, one column per benchmark, then Avg.",
        "Each RUN_DIR is a run (has run.json) or a folder of runs; runs sharing a label fill one row."})
public final class EvalTableCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories, or folders of them.")
  List<Path> runs;

  @Option(names = "--mismatch", description = "Think–answer mismatch rates (Table 6) instead of scores;"
      + " needs 'eval mismatch' to have run.")
  boolean mismatch;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ResultsTable table = new ResultsTable();
    for (RunDirectory run : RunDirectories.expand(runs)) {
      RunConfig config = run.config().orElseThrow();
      Optional<JsonNode> result = mismatch ? run.mismatch() : run.score();
      if (result.isEmpty()) {
        spec.commandLine().getErr().println("skipping " + run.path() + ": no " + (mismatch ? "mismatch.json (run 'eval"
            + " mismatch')" : "score.json (the run has not finished)"));
        continue;
      }
      double value = result.get().path(mismatch ? "rate" : "headline").asDouble();
      table.put(config.label(), Benchmark.parse(config.benchmark()), value);
    }
    out.print(table.render());
    out.flush();
    return 0;
  }
}
