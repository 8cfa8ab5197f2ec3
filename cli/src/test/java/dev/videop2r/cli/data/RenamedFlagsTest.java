package dev.videop2r.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videop2r.cli.Main;
import dev.videop2r.reward.ScoringMode;
import org.junit.jupiter.api.Test;

/** `cot generate --scoring-mode` is the flag rl and score use; its first name, --scoring, still works. */
class RenamedFlagsTest {

  private static CotGenerateCommand parse(String... extra) {
    String[] base = {"cot", "generate", "--input", "in.jsonl", "--out", "o"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return (CotGenerateCommand) Main.commandLine().parseArgs(args).subcommand().subcommand().commandSpec()
        .userObject();
  }

  @Test
  void scoringModeHasOneNameAndTheOldOneStillWorks() {
    assertEquals(ScoringMode.CORRECTED, parse().scoring.mode());
    assertEquals(ScoringMode.VIDEO_R1, parse("--scoring-mode", "video-r1").scoring.mode());
    assertEquals(ScoringMode.VIDEO_R1, parse("--scoring", "VIDEO_R1").scoring.mode());
  }

  @Test
  void framesDefaultToThePapersTrainingSetting() {
    CotGenerateCommand c = parse();
    assertEquals(16, c.frames.frames());
    assertEquals(128 * 28 * 28, c.frames.maxPixels());
  }
}
