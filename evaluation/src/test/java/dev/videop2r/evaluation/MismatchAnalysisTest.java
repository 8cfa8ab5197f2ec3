package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MismatchAnalysisTest {

  private static final EvalItem ITEM =
      new EvalItem("1", Benchmark.VSI_BENCH, "v.mp4", "Is the lamp to my left or right?",
          List.of("A. left", "B. right"), ProblemType.MULTIPLE_CHOICE, "A", Map.of());

  @Test
  void ruleJudgeTakesTheLastExplicitChoiceThenTheLastOptionText() {
    RuleThinkAnswerJudge judge = new RuleThinkAnswerJudge();
    assertEquals(new ThinkAnswerJudge.Verdict.Implied("B"),
        judge.impliedAnswer(ITEM, "At first option A looked right, but the answer is (B)."));
    assertEquals(new ThinkAnswerJudge.Verdict.Implied("A"),
        judge.impliedAnswer(ITEM, "The lamp seems right of the sofa... no wait, it is on my left."));
    assertInstanceOf(ThinkAnswerJudge.Verdict.NoneImplied.class, judge.impliedAnswer(ITEM, "I cannot tell."));
  }

  @Test
  void promptedJudgeParsesRepliesAndNeverTurnsFailuresIntoAgreement() {
    assertEquals(new ThinkAnswerJudge.Verdict.Implied("B"),
        new PromptedThinkAnswerJudge(prompt -> "B").impliedAnswer(ITEM, "x"));
    assertInstanceOf(ThinkAnswerJudge.Verdict.NoneImplied.class,
        new PromptedThinkAnswerJudge(prompt -> "NONE").impliedAnswer(ITEM, "x"));
    assertInstanceOf(ThinkAnswerJudge.Verdict.NoScore.class,
        new PromptedThinkAnswerJudge(prompt -> { throw new IllegalStateException("HTTP 503"); })
            .impliedAnswer(ITEM, "x"));
    assertInstanceOf(ThinkAnswerJudge.Verdict.NoScore.class,
        new PromptedThinkAnswerJudge(prompt -> "E").impliedAnswer(ITEM, "x"));
    String prompt = PromptedThinkAnswerJudge.prompt(ITEM, "the lamp is on my left");
    assertEquals(true, prompt.contains("A. left\nB. right\n") && prompt.contains("the lamp is on my left"));
  }

  @Test
  void rateOverJudgedMultipleChoiceItemsOfTheVsiFixture() {
    // MC items 500..504. 500 "<answer>B</answer>" has no think: incomplete. 501 no think: incomplete.
    // 502 think "behind me on the left" names no option text exactly ("back-left" is not written): none.
    // 503 no think; 504 missing. So add outputs of our own:
    LoadedAnnotations vsi = Fixtures.load(Benchmark.VSI_BENCH, "vsibench-videor1.json");
    Map<String, Prediction> predictions = Map.of(
        "500", Prediction.of("500", "<think>The table is nearest, so the answer is B.</think><answer>B</answer>"),
        "501", Prediction.of("501", "<think>The lamp is on my right.</think><answer>A</answer>"),
        "502", Prediction.of("502", "<think>It is back-left.</think><answer>(C)</answer>"),
        "503", Prediction.of("503", "<think>Hmm, hard to say.</think><answer>B</answer>"),
        "166", Prediction.of("166", "<think>three</think><answer>3</answer>"));
    MismatchReport report = new MismatchAnalysis(new RuleThinkAnswerJudge(), "rule").analyse(vsi, predictions);
    // judged: 500 (B=B), 501 (B vs A: mismatch), 502 (C = "(C)"); 503 none implied; 504 missing.
    assertEquals(5, report.multipleChoiceItems());
    assertEquals(3, report.judged());
    assertEquals(1, report.mismatched());
    assertEquals(100.0 / 3, report.rate(), 1e-9);
    assertEquals(1, report.noneImplied());
    assertEquals(1, report.failedOrMissing());
    assertEquals(0, report.noThinkOrAnswer());
  }
}
