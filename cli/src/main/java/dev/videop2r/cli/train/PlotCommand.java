package dev.videop2r.cli.train;

import dev.videop2r.training.loop.TrainingCurves;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code videop2r plot RUN_DIR}: redraws a run's curves from its metrics.jsonl. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Redraw a training run's PNG curves (RUN_DIR/plots/) from RUN_DIR/metrics.jsonl.")
public final class PlotCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by sft or rl.")
  Path runDir;

  @Override
  public Integer call() {
    var files = TrainingCurves.draw(runDir);
    files.forEach(f -> spec.commandLine().getOut().println(f));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
