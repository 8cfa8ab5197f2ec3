package dev.videop2r.cli;

import dev.videop2r.reward.ScoringMode;
import picocli.CommandLine.Option;

/**
 * {@code --scoring-mode}: the accuracy and format semantics, the same flag and default as {@code rl}'s, since the
 * CoT filter, offline scoring and the RL reward must agree (method spec §4). Its earlier names ({@code score --mode},
 * {@code cot generate --scoring}) still work, hidden.
 */
public final class ScoringModeOption {

  // An initial value, not a picocli default: picocli applies defaults after parsing, over the hidden aliases.
  @Option(names = "--scoring-mode", paramLabel = "corrected|video-r1",
      description = "Task metric semantics: video-r1 (Video-R1's reward code, quirks included) or corrected"
          + " (default: corrected, the same as rl's).")
  private ScoringMode mode = ScoringMode.CORRECTED;

  @Option(names = "--mode", hidden = true, paramLabel = "MODE")
  private void scoreName(ScoringMode value) {
    mode = value;
  }

  @Option(names = "--scoring", hidden = true, paramLabel = "MODE")
  private void cotName(ScoringMode value) {
    mode = value;
  }

  public ScoringMode mode() {
    return mode;
  }
}
