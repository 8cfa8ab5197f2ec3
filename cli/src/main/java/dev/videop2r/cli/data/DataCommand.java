package dev.videop2r.cli.data;

import picocli.CommandLine.Command;

/** {@code videop2r data}: dataset inspection. */
@Command(name = "data", description = "Inspect VQA and CoT datasets.", mixinStandardHelpOptions = true,
    subcommands = {DataStatsCommand.class})
public final class DataCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
