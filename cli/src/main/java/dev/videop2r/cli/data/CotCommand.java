package dev.videop2r.cli.data;

import picocli.CommandLine.Command;

/** {@code videop2r cot}: the process-aware CoT data pipeline. */
@Command(name = "cot", description = "Process-aware chain-of-thought data (the 3-step VideoP2R pipeline).",
    mixinStandardHelpOptions = true, subcommands = {CotGenerateCommand.class})
public final class CotCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
