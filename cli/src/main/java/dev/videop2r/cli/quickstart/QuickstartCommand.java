package dev.videop2r.cli.quickstart;

import dev.videop2r.experiments.ExperimentReport;
import dev.videop2r.experiments.QuickstartExperiment;
import dev.videop2r.experiments.QuickstartSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r quickstart}: the paper end to end on the embedded defaults. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {"The whole VideoP2R method end to end on a CPU, with no network and no downloaded weights:"
        + " synthetic world -> three-step CoT pipeline (synthetic teacher and judge) -> tiny Qwen2.5-VL with"
        + " stand-ins for its pretraining (vision pretraining on per-token scene labels, caption alignment) -> SFT ->"
        + " PA-GRPO -> evaluation of base, SFT and SFT+PA-GRPO on held-out clips, plus a blind control (each"
        + " question asked about another clip) that shows whether the answers use the video.",
        "Writes <out>/report.md with the tables and plots. Re-running continues an interrupted run.",
        "Runs on the CPU only (no --device: the tiny model would gain nothing from a GPU); sft, rl, infer and eval run"
            + " take --device."})
public final class QuickstartCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/quickstart", description = "Run directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed for everything (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin SizeOptions sizes;

  @Override
  public Integer call() {
    ExperimentReport report = QuickstartExperiment.run(sizes.apply(QuickstartSettings.defaults(seed)), out,
        System.err);
    System.out.print(report.markdown());
    return 0;
  }
}
