package dev.videop2r.cli.quickstart;

import dev.videop2r.experiments.AblationExperiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videop2r experiment ablation}: runs {@link AblationExperiment} (paper Table 2 in miniature). */
@Command(name = "ablation", mixinStandardHelpOptions = true,
    description = "Paper Table 2 in miniature on the synthetic world (mean ± std over seeds) and the"
        + " collapsed-sample comparison of Fig. 6c. Writes <out>/report.md; re-running continues. Runs on the CPU"
        + " only (no --device), as the quickstart does.")
public final class AblationCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/ablation", description = "Run directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds 0..N-1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--only-seed", paramLabel = "S", description = "Run (or resume) the variants of seed S only and"
      + " write no report. One process per seed uses more cores; run again without it to assemble the report.")
  Integer onlySeed;

  @Mixin SizeOptions sizes;

  @Override
  public Integer call() {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    AblationExperiment experiment = new AblationExperiment(out, seeds, sizes::apply, System.err);
    if (onlySeed != null) {
      if (onlySeed < 0 || onlySeed >= seeds) {
        throw new IllegalArgumentException("--only-seed must be one of the report's seeds 0.." + (seeds - 1)
            + " (--seeds " + seeds + "), got " + onlySeed);
      }
      experiment.runSeed(onlySeed);
      System.err.printf("[ablation] seed %d done in %s%n", onlySeed, experiment.seedDir(onlySeed));
      return 0;
    }
    System.out.print(experiment.run().markdown());
    return 0;
  }
}
