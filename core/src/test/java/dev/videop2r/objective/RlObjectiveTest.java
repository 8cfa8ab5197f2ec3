package dev.videop2r.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.spec.InvalidFieldException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RlObjectiveTest {

  @Test
  void theSwitchesFollowTheAblations() {
    RlObjective paper = RlObjective.paGrpo();
    assertTrue(paper.processAware() && paper.separation() && paper.usesJudge());
    assertTrue(paper.perceptionAccuracyReward() && paper.lengthReward() && paper.formatReward());

    assertFalse(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_SEPARATION).separation());
    RlObjective noJudge = RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_PERCEPTION_REWARD);
    assertFalse(noJudge.usesJudge() || noJudge.perceptionAccuracyReward());
    assertTrue(noJudge.processAware() && noJudge.separation());
    assertFalse(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_LENGTH_REWARD).lengthReward());
    assertFalse(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_FORMAT_REWARD).formatReward());

    for (Algorithm baseline : new Algorithm[] {Algorithm.GRPO, Algorithm.T_GRPO}) {
      RlObjective o = RlObjective.of(baseline, Ablation.NO_LENGTH_REWARD, Ablation.NO_FORMAT_REWARD);
      assertFalse(o.processAware() || o.separation() || o.usesJudge(), baseline.name());
      assertFalse(o.lengthReward() || o.formatReward(), baseline.name());
    }
  }

  @Test
  void ablationsThatOnlyPaGrpoHasAreRefusedForTheBaselinesNamingTheField() {
    InvalidFieldException separation = assertThrows(InvalidFieldException.class,
        () -> RlObjective.of(Algorithm.GRPO, Ablation.NO_SEPARATION));
    assertEquals("ablations", separation.field());
    assertEquals("ablations: no-separation applies to pa-grpo only (grpo puts one advantage on every token"
        + " already)", separation.getMessage());
    InvalidFieldException perception = assertThrows(InvalidFieldException.class,
        () -> RlObjective.of(Algorithm.T_GRPO, Ablation.NO_PERCEPTION_REWARD));
    assertEquals("ablations: no-perception-reward applies to pa-grpo only (t-grpo learns from the reasoning"
        + " reward alone)", perception.getMessage());
  }

  @Test
  void missingPartsNameTheirField() {
    assertEquals("algorithm: required",
        assertThrows(InvalidFieldException.class, () -> new RlObjective(null, Set.of())).getMessage());
    Set<Ablation> withNull = new HashSet<>(Arrays.asList(Ablation.NO_LENGTH_REWARD, null));
    assertEquals("ablations",
        assertThrows(InvalidFieldException.class, () -> new RlObjective(Algorithm.PA_GRPO, withNull)).field());
  }

  @Test
  void ablationsAreASetWhateverOrderAndRepeatsTheyComeIn() {
    assertEquals(RlObjective.of(Algorithm.PA_GRPO, Ablation.NO_FORMAT_REWARD, Ablation.NO_LENGTH_REWARD),
        RlObjective.of(Algorithm.PA_GRPO, java.util.List.of(Ablation.NO_LENGTH_REWARD, Ablation.NO_FORMAT_REWARD,
            Ablation.NO_LENGTH_REWARD)));
  }
}
