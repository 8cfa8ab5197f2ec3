package dev.videop2r.cli.quickstart;

import dev.videop2r.experiments.QuickstartSettings;
import picocli.CommandLine.Option;

/**
 * The size flags the quickstart and the experiments share; unset flags keep the quickstart's defaults. The Java
 * fields carry {@link QuickstartSettings}' field names, so its errors are reported with these flags.
 */
final class SizeOptions {
  @Option(names = "--train", paramLabel = "N", description = "Training clips (default: " + QuickstartSettings.DEFAULT_TRAIN + ").")
  Integer trainClips;

  @Option(names = "--test", paramLabel = "N", description = "Held-out clips (default: " + QuickstartSettings.DEFAULT_TEST + ").")
  Integer testClips;

  @Option(names = "--sft-epochs", paramLabel = "E", description = "SFT passes over the kept CoT samples (default: "
      + QuickstartSettings.DEFAULT_SFT_EPOCHS + "; over three seeds 6 gave SFT 44.8 +- 0.6, 12 gave 51.3 +- 3.4).")
  Double sftEpochs;

  @Option(names = "--rl-steps", paramLabel = "N", description = "RL steps per run (default: " + QuickstartSettings.DEFAULT_RL_STEPS + ").")
  Integer rlSteps;

  @Option(names = "--rl-prompts", paramLabel = "N", description = "Prompts per RL step (default: " + QuickstartSettings.DEFAULT_RL_PROMPTS
      + "; 16 with --rl-lr 2e-4 did no better over three seeds, docs/quickstart.md).")
  Integer rlPrompts;

  @Option(names = "--rl-lr", paramLabel = "LR", description = "RL learning rate (default: " + QuickstartSettings.DEFAULT_RL_LR + ").")
  Double rlLearningRate;

  QuickstartSettings apply(QuickstartSettings s) {
    return s.withSizes(trainClips == null ? s.trainClips() : trainClips, testClips == null ? s.testClips() : testClips,
        sftEpochs == null ? s.sftEpochs() : sftEpochs, rlSteps == null ? s.rlSteps() : rlSteps,
        rlPrompts == null ? s.rlPrompts() : rlPrompts, rlLearningRate == null ? s.rlLearningRate() : rlLearningRate);
  }
}
