package dev.videop2r.cli.quickstart;

import dev.videop2r.experiments.QuickstartSettings;
import dev.videop2r.spec.InvalidFieldException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizeOptionsTest {

  private static QuickstartSettings parse(String... args) {
    QuickstartCommand command = new QuickstartCommand();
    new CommandLine(command).parseArgs(args);
    return command.sizes.apply(QuickstartSettings.defaults(0));
  }

  @Test
  void unsetFlagsKeepTheDefaultsAndSetOnesReplaceThem() {
    QuickstartSettings defaults = QuickstartSettings.defaults(0);
    assertEquals(defaults, parse());
    QuickstartSettings s = parse("--train", "64", "--sft-epochs", "3", "--rl-steps", "40", "--rl-prompts", "16",
        "--rl-lr", "2e-4");
    assertEquals(64, s.trainClips());
    assertEquals(defaults.testClips(), s.testClips());
    assertEquals(3.0, s.sftEpochs());
    assertEquals(40, s.rlSteps());
    assertEquals(16, s.rlPrompts());
    assertEquals(2e-4, s.rlLearningRate());
    assertEquals(defaults.rlGroup(), s.rlGroup());
  }

  @Test
  void aBatchWithoutPromptsIsRefusedNamingTheSetting() {
    var e = assertThrows(InvalidFieldException.class, () -> parse("--rl-prompts", "0"));
    assertEquals("rlPrompts: must be >= 1, got 0", e.getMessage());
    var epochs = assertThrows(InvalidFieldException.class, () -> parse("--sft-epochs", "0"));
    assertEquals("sftEpochs: must be > 0, got 0.0", epochs.getMessage());
  }
}
