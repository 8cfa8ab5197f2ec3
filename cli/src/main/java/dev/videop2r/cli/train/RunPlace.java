package dev.videop2r.cli.train;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a training run lives and where its settings come from: not part of the run's spec. */
final class RunPlace {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory: config.yaml,"
      + " checkpoints, metrics.jsonl, plots, final model.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint (refused, naming"
      + " what changed, when the settings or the data differ).")
  boolean resume;

  @Option(names = "--config", paramLabel = "FILE", description = "Read the run's settings from a YAML or JSON file"
      + " (keys = field names, as in a run's config.yaml); flags given as well override it.")
  Path config;
}
