package dev.videop2r.cli.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.CategoryScore;
import dev.videop2r.evaluation.DifficultyTable;
import dev.videop2r.evaluation.ResultsTable;
import dev.videop2r.evaluation.RunConfig;
import dev.videop2r.evaluation.RunDirectory;
import dev.videop2r.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code videop2r eval table}: the paper's Table 1 across runs (Table 6 with --mismatch, 7 with --difficulty). */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = {"Print the paper's Table 1 layout across runs.",
        "One row per run label, one column per benchmark, then Avg. Each RUN_DIR is a run (has run.json)",
        "or a folder of runs; runs sharing a label fill one row."})
public final class EvalTableCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories, or folders of them.")
  List<Path> runs;

  @Option(names = "--mismatch", description = "Think–answer mismatch rates (Table 6) instead of scores;"
      + " needs 'eval mismatch' to have run.")
  boolean mismatch;

  @Option(names = "--difficulty", description = "Table 7: Video-MME by duration and VideoMMMU by track.")
  boolean difficulty;

  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, List<CategoryScore>>> BREAKDOWNS = new TypeReference<>() {};

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (mismatch && difficulty) {
      throw new IllegalArgumentException("--mismatch and --difficulty are different tables; pick one");
    }
    ResultsTable table = new ResultsTable();
    DifficultyTable difficultyTable = new DifficultyTable();
    for (RunDirectory run : RunDirectories.expand(runs)) {
      RunConfig config = run.config().orElseThrow();
      Optional<JsonNode> result = mismatch ? run.mismatch() : run.score();
      if (result.isEmpty()) {
        spec.commandLine().getErr().println("skipping " + run.path() + ": no " + (mismatch ? "mismatch.json (run 'eval"
            + " mismatch')" : "score.json (the run has not finished)"));
        continue;
      }
      Benchmark benchmark = config.bench();
      if (difficulty) {
        difficultyTable.put(config.label(), benchmark, JSON.convertValue(result.get().path("breakdowns"), BREAKDOWNS));
      } else {
        table.put(config.label(), benchmark, result.get().path(mismatch ? "rate" : "headline").asDouble());
      }
    }
    out.print(difficulty ? difficultyTable.render() : table.render());
    out.flush();
    return 0;
  }
}
