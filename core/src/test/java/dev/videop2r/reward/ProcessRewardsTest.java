package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.template.ParseMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessRewardsTest {

  private static final String GOOD = "<observation>o</observation>\n<think>t</think>\n<answer>A</answer>";
  private static final ParsedResponse PARSED = ResponseParser.lenient().parse(GOOD);
  private static final ProcessRewards DEFAULT = new ProcessRewards(RewardConfig.defaults());

  @Test
  void fullMarksWithinBothWindows() {
    RewardBreakdown r = DEFAULT.score(PARSED, 1.0, Optional.of(1.0), 200, 400);
    assertEquals(Optional.of(1.0 + 1.0 + 0.2), r.perception());
    assertEquals(1.0 + 1.0 + 0.2, r.reasoning());
  }

  @Test
  void lengthRewardNeedsAccuracyFormatAndWindow() {
    assertEquals(Optional.of(1.0), DEFAULT.score(PARSED, 1.0, Optional.of(0.0), 200, 400).perception(),
        "insufficient observation: format only");
    assertEquals(Optional.of(2.0), DEFAULT.score(PARSED, 1.0, Optional.of(1.0), 127, 400).perception(),
        "127 perception tokens is below [128, 320]");
    assertEquals(Optional.of(2.2), DEFAULT.score(PARSED, 1.0, Optional.of(1.0), 128, 400).perception(),
        "window is inclusive");
    assertEquals(Optional.of(2.2), DEFAULT.score(PARSED, 1.0, Optional.of(1.0), 320, 400).perception());
    assertEquals(2.0, DEFAULT.score(PARSED, 1.0, Optional.of(1.0), 200, 513).reasoning());
    assertEquals(1.0, DEFAULT.score(PARSED, 0.0, Optional.of(1.0), 200, 400).reasoning(), "wrong answer");
    assertEquals(0.5 + 1 + 0.2, DEFAULT.score(PARSED, 0.5, Optional.of(1.0), 200, 400).reasoning(), 1e-15,
        "partial credit earns the bonus (acc > 0)");
  }

  @Test
  void badReasoningFormatZeroesFormatAndLength() {
    ParsedResponse p = ResponseParser.lenient().parse("<observation>o</observation><think>t</think>A");
    RewardBreakdown r = DEFAULT.score(p, 1.0, Optional.of(1.0), 200, 400);
    assertEquals(1.0, r.reasoning());
    assertEquals(Optional.of(2.2), r.perception());
  }

  @Test
  void noScoreIsAbsentNeverZero() {
    RewardBreakdown r = DEFAULT.score(PARSED, 1.0, Optional.empty(), 200, 400);
    assertFalse(r.perceptionScored());
    assertTrue(r.perception().isEmpty());
    assertEquals(2.2, r.reasoning());
  }

  private static ProcessRewards without(Ablation a) {
    return new ProcessRewards(RewardConfig.defaults(), RlObjective.of(Algorithm.PA_GRPO, a));
  }

  @Test
  void ablations() {
    RewardBreakdown noJudge = without(Ablation.NO_PERCEPTION_REWARD)
        .score(PARSED, 1.0, Optional.empty(), 200, 400);
    assertEquals(Optional.of(1.2), noJudge.perception(), "format + length, gated on format only");
    RewardBreakdown noLength = without(Ablation.NO_LENGTH_REWARD)
        .score(PARSED, 1.0, Optional.of(1.0), 200, 400);
    assertEquals(Optional.of(2.0), noLength.perception());
    assertEquals(2.0, noLength.reasoning());
    RewardBreakdown noFormat = without(Ablation.NO_FORMAT_REWARD)
        .score(PARSED, 1.0, Optional.of(1.0), 200, 400);
    assertEquals(Optional.of(1.2), noFormat.perception());
    assertEquals(1.2, noFormat.reasoning());
    ParsedResponse broken = ResponseParser.lenient().parse("<observation>o<think>t</think><answer>A</answer>");
    assertEquals(Optional.of(1.0), without(Ablation.NO_FORMAT_REWARD)
        .score(broken, 1.0, Optional.of(1.0), 200, 400).perception(), "format still gates the length bonus");
  }

  @Test
  void refusesAResponseParsedWithAnotherTemplate() {
    ParsedResponse thinkAnswer = new ResponseParser(ResponseTemplate.THINK_ANSWER, ParseMode.LENIENT)
        .parse("<think>t</think><answer>A</answer>");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DEFAULT.score(thinkAnswer, 1.0, Optional.of(1.0), 0, 0));
    assertEquals("response parsed with template THINK_ANSWER but the rewards are configured for PROCESS_AWARE",
        e.getMessage());
  }

  @Test
  void configurableOmegaAndWindows() {
    RewardConfig c = RewardConfig.defaults().withLengthBonus(0.5)
        .withWindows(new LengthWindow(1, 10), new LengthWindow(1, 10));
    RewardBreakdown r = new ProcessRewards(c).score(PARSED, 1.0, Optional.of(1.0), 5, 5);
    assertEquals(Optional.of(2.5), r.perception());
    assertEquals(2.5, r.reasoning());
  }

  @Test
  void videoR1ModeRejectsSurroundingWhitespaceLikeFullmatch() {
    ParsedResponse padded = ResponseParser.lenient().parse("\n" + GOOD + "\n");
    assertEquals(1.0, FormatReward.perception(padded, ScoringMode.CORRECTED));
    assertEquals(1.0, FormatReward.reasoning(padded, ScoringMode.CORRECTED));
    assertEquals(0.0, FormatReward.perception(padded, ScoringMode.VIDEO_R1));
    assertEquals(0.0, FormatReward.reasoning(padded, ScoringMode.VIDEO_R1));
    assertEquals(1.0, FormatReward.perception(PARSED, ScoringMode.VIDEO_R1));
    assertEquals(1.0, FormatReward.reasoning(PARSED, ScoringMode.VIDEO_R1));
  }
}
