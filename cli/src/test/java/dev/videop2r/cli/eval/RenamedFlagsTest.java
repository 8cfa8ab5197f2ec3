package dev.videop2r.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videop2r.cli.Main;
import dev.videop2r.evaluation.InputCondition;
import dev.videop2r.evaluation.PromptStyle;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `eval run` reads its choices through the shared enum converter, and --timeout-s still sets --timeout. */
class RenamedFlagsTest {

  private static EvalRunCommand parse(String... extra) {
    String[] base = {"eval", "run", "--bench", "Video-MME", "--annotations", "a.json", "--endpoint", "http://x/v1",
        "--out", "o"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CommandLine.ParseResult r = Main.commandLine().parseArgs(args);
    return (EvalRunCommand) r.subcommand().subcommand().commandSpec().userObject();
  }

  @Test
  void timeoutHasOneNameAndTheOldOneStillWorks() {
    assertEquals(300, parse().model.timeoutSeconds);
    assertEquals(7, parse("--timeout", "7").model.timeoutSeconds);
    assertEquals(9, parse("--timeout-s", "9").model.timeoutSeconds);
  }

  @Test
  void choicesAreReadInTheirOwnSpelling() {
    EvalRunCommand c = parse("--condition", "text+obs", "--prompt", "video-r1", "--frames", "8");
    assertEquals(InputCondition.TEXT_OBSERVATION, c.inputs);
    assertEquals(PromptStyle.VIDEO_R1, c.style);
    assertEquals("videomme", c.scoring.benchmark().cliName());
    assertEquals(8, c.frames.frames());
    assertEquals(256 * 28 * 28, c.frames.maxPixels());
  }
}
