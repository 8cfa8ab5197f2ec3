package dev.videop2r.cli.eval;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code videop2r eval}: run models on the seven benchmarks, score predictions, print the paper's tables. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate on VSI-Bench, VideoMMMU, MMVU, VCR-Bench, MVBench, TempCompass and Video-MME.",
    subcommands = {
        EvalRunCommand.class,
        EvalScoreCommand.class,
        EvalTableCommand.class,
        EvalMismatchCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class EvalCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
