package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videop2r.cli.Main;
import dev.videop2r.objective.Ablation;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.training.rl.RlSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

class FormerSwitchesTest {
  private static ParseResult parse(String... args) {
    String[] line = new String[args.length + 3];
    line[0] = "rl";
    line[1] = "--out";
    line[2] = "unused";
    System.arraycopy(args, 0, line, 3, args.length);
    return Main.commandLine().parseArgs(line).subcommand();
  }

  @Test
  void theFormerSwitchFlagsStillSetTheAblations() {
    RlSpec spec = FormerSwitches.apply(RlSpec.defaults(), parse("--separation=false", "--no-length-reward",
        "--format-reward", "true", "--perception-accuracy-reward=FALSE"));
    assertEquals(List.of(Ablation.NO_PERCEPTION_REWARD, Ablation.NO_LENGTH_REWARD, Ablation.NO_SEPARATION),
        spec.ablations());
    RlSpec ablated = RlSpec.defaults().with(Map.of("ablations", List.of(Ablation.NO_FORMAT_REWARD)));
    assertEquals(List.of(), FormerSwitches.apply(ablated, parse("--format-reward")).ablations(),
        "true switches the term back on");
    assertSame(ablated, FormerSwitches.apply(ablated, parse("--ablate", "no-format-reward")));
  }

  @Test
  void aFormerSwitchThatDoesNotFitTheAlgorithmIsRefusedNamingTheField() {
    RlSpec grpo = RlSpec.defaults().with(Map.of("algorithm", dev.videop2r.objective.Algorithm.GRPO));
    InvalidFieldException e = assertThrows(InvalidFieldException.class,
        () -> FormerSwitches.apply(grpo, parse("--no-separation")));
    assertEquals("ablations", e.field());
    assertEquals("--length-reward: expected true or false, got 'maybe'", assertThrows(
        IllegalArgumentException.class, () -> FormerSwitches.apply(grpo, parse("--length-reward=maybe")))
        .getMessage());
  }
}
