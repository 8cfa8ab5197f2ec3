package dev.videop2r.cli.data;

import picocli.CommandLine.Command;

/** {@code videop2r judge}: the observation-sufficiency judge. */
@Command(name = "judge", description = "Observation-sufficiency judge tools.", mixinStandardHelpOptions = true,
    subcommands = {JudgeAgreeCommand.class})
public final class JudgeCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
