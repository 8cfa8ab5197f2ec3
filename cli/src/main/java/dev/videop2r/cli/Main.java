package dev.videop2r.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code videop2r} command: every subcommand of the tool hangs off this one. */
@Command(
    name = "videop2r",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Process-aware perception-to-reasoning training (VideoP2R) for video language models.",
    subcommands = {
        CommandLine.HelpCommand.class,
        dev.videop2r.cli.quickstart.QuickstartCommand.class,
        dev.videop2r.cli.quickstart.ExperimentCommand.class,
        dev.videop2r.cli.score.ScoreCommand.class,
        dev.videop2r.cli.model.ModelCommand.class,
        dev.videop2r.cli.model.InferCommand.class,
        dev.videop2r.cli.data.CotCommand.class,
        dev.videop2r.cli.data.DataCommand.class,
        dev.videop2r.cli.data.JudgeCommand.class,
        dev.videop2r.cli.eval.EvalCommand.class,
        dev.videop2r.cli.video.SynthCommand.class,
        dev.videop2r.cli.video.FramesCommand.class,
        dev.videop2r.cli.train.SftCommand.class,
        dev.videop2r.cli.train.RlCommand.class,
        dev.videop2r.cli.train.PlotCommand.class,
        dev.videop2r.cli.serve.ServeCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    // Library logs (DJL, HTTP SDKs) are for problems only; progress is the tool's own output.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // DJL probes for CUDA on every engine start; on a CPU-only machine that is expected, not a warning.
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    // One libtorch thread unless -D says otherwise (read when the engine loads): the models' ops are small, and
    // OpenMP threads spinning at barriers cost 3-15x the CPU time per SFT/RL step on the 2-core machine
    // (docs/benchmarks.md, "Quickstart").
    for (String threads : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
      System.setProperty(threads, System.getProperty(threads, "1"));
    }
    int exit;
    try {
      exit = commandLine().execute(args);
    } catch (Throwable e) { // before a command runs (e.g. out of memory while parsing): still one line
      System.err.println("videop2r: error: " + e);
      exit = 1;
    }
    System.exit(exit);
  }

  /** The configured command line; tests drive it in-process. */
  public static CommandLine commandLine() {
    return EnumConverters.register(CliErrors.install(new CommandLine(new Main())));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"videop2r " + (v == null ? "(development build)" : v)};
    }
  }
}
