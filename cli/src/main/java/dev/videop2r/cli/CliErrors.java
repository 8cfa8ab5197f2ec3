package dev.videop2r.cli;

import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one clear line on stderr and exit code 2, instead of a
 * stack trace. Set VIDEOP2R_DEBUG=1 to see the trace.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cli.getErr().println(cli.getCommandName() + ": error: " + message);
    if (System.getenv("VIDEOP2R_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return 2;
  }
}
