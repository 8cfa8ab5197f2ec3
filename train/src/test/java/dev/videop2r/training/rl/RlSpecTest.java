package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlSpecTest {

  private static RlSpec read(Path file) {
    String source = "--config " + file;
    return Specs.bind(RlSpec.class, Specs.merge(RlSpec.class, Specs.tree(RlSpec.defaults()),
        RlSpec.upgrade(Specs.read(file), source), source));
  }

  @Test
  void theObjectiveIsTheAlgorithmWithItsAblationsInOneOrder() {
    RlSpec spec = RlSpec.defaults().with(Map.of("ablations",
        List.of(Ablation.NO_SEPARATION, Ablation.NO_LENGTH_REWARD, Ablation.NO_SEPARATION)));
    assertEquals(List.of(Ablation.NO_LENGTH_REWARD, Ablation.NO_SEPARATION), spec.ablations());
    assertEquals(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_LENGTH_REWARD, Ablation.NO_SEPARATION),
        spec.objective());
    RlObjective grpo = RlObjective.of(Algorithm.GRPO, Ablation.NO_FORMAT_REWARD);
    assertEquals(grpo, RlSpec.defaults().with(grpo).objective());
  }

  @Test
  void ablationsThatDoNotFitTheAlgorithmAreRefusedNamingTheField() {
    InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> RlSpec.defaults().with(Map.of(
        "algorithm", Algorithm.T_GRPO, "ablations", List.of(Ablation.NO_SEPARATION))));
    assertEquals("ablations: no-separation applies to pa-grpo only (t-grpo puts one advantage on every token"
        + " already)", e.getMessage());
  }

  @Test
  void theConfigWritesAblationsAsAListAndReadsItBack(@TempDir Path dir) throws Exception {
    RlSpec spec = RlSpec.defaults().with(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_PERCEPTION_REWARD));
    Path file = dir.resolve("config.yaml");
    Specs.writeYaml(spec, file);
    assertTrue(Files.readString(file).contains("ablations:\n- no-perception-reward\n"), Files.readString(file));
    assertEquals(spec, read(file));
  }

  @Test
  void anOlderConfigsSwitchesBecomeAblations(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("old.yaml");
    Files.writeString(file, "separation: false\nreward:\n  lengthBonus: 0.3\n  perceptionAccuracyReward: true\n"
        + "  lengthReward: false\n  formatReward: true\n");
    RlSpec spec = read(file);
    assertEquals(List.of(Ablation.NO_LENGTH_REWARD, Ablation.NO_SEPARATION), spec.ablations());
    assertEquals(0.3, spec.reward().lengthBonus());

    Files.writeString(file, "ablations: [no-format-reward]\nseparation: false\n");
    assertEquals(List.of(Ablation.NO_FORMAT_REWARD, Ablation.NO_SEPARATION), read(file).ablations());

    Files.writeString(file, "reward:\n  formatReward: no-thanks\n");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertEquals("--config " + file + ": reward.formatReward must be true or false (it stands for ablations entry"
        + " no-format-reward when false), got \"no-thanks\"", bad.getMessage());
  }

  @Test
  void upgradingLeavesTodaysConfigAlone() {
    JsonNode today = Specs.tree(RlSpec.defaults());
    assertEquals(today, RlSpec.upgrade(today, "x"));
  }
}
