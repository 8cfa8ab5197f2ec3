package dev.videop2r.cli.quickstart;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code videop2r experiment}: the paper's experiments in miniature on the embedded defaults. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "The paper's experiments in miniature on the synthetic world.",
    subcommands = {AblationCommand.class, CommandLine.HelpCommand.class})
public final class ExperimentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
