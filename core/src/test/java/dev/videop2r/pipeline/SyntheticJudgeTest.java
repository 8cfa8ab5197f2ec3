package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticJudgeTest {
  private static final List<String> FACTS = List.of("the square is blue at the start.", "then the square turns red.");

  private static Judgement judge(String observation) {
    return new SyntheticJudge().judge(new JudgeQuery("how many times does the square change colour?", "1",
        observation, FACTS));
  }

  @Test
  void anObservationStatingExactlyTheFactsIsSufficient() {
    Judgement j = judge("<observation>The square is blue at the start. Then the square turns red.</observation>");
    assertEquals(Judgement.Verdict.SUFFICIENT, j.verdict(), j.reason());
  }

  @Test
  void aMissingFactIsInsufficient() {
    Judgement j = judge("<observation>the square is blue at the start.</observation>");
    assertEquals(Judgement.Verdict.INSUFFICIENT, j.verdict());
    assertTrue(j.reason().contains("then the square turns red."), j.reason());
  }

  @Test
  void aMadeUpEventOrARepeatedOneIsInsufficient() {
    // The counting answer would be 2 from either observation: padding with guesses must not pass.
    Judgement extra = judge("<observation>the square is blue at the start. then the square turns red. then the"
        + " square turns green.</observation>");
    assertEquals(Judgement.Verdict.INSUFFICIENT, extra.verdict());
    assertTrue(extra.reason().contains("then the square turns green"), extra.reason());
    Judgement repeated = judge("<observation>the square is blue at the start. then the square turns red. then the"
        + " square turns red.</observation>");
    assertEquals(Judgement.Verdict.INSUFFICIENT, repeated.verdict(), repeated.reason());
  }

  @Test
  void aFactListedTwiceMustBeStatedTwice() {
    // blue -> red -> blue -> red: three changes; stating the second "turns red" once implies two.
    List<String> facts = List.of("the square is blue at the start.", "then the square turns red.",
        "then the square turns blue.", "then the square turns red.");
    JudgeQuery once = new JudgeQuery("q", "3", "<observation>the square is blue at the start. then the square turns"
        + " red. then the square turns blue.</observation>", facts);
    Judgement j = new SyntheticJudge().judge(once);
    assertEquals(Judgement.Verdict.INSUFFICIENT, j.verdict());
    assertTrue(j.reason().contains("missing 1 of 4"), j.reason());
    JudgeQuery twice = new JudgeQuery("q", "3", "<observation>the square is blue at the start. then the square"
        + " turns red. then the square turns blue. then the square turns red.</observation>", facts);
    assertEquals(Judgement.Verdict.SUFFICIENT, new SyntheticJudge().judge(twice).verdict());
  }

  @Test
  void aFactInsideAnotherGetsTheSameVerdictInEitherOrder() {
    String observation = "the circle moves left. the circle moves.";
    for (List<String> facts : List.of(List.of("the circle moves.", "the circle moves left."),
        List.of("the circle moves left.", "the circle moves."))) {
      Judgement j = new SyntheticJudge().judge(new JudgeQuery("q", "A", observation, facts));
      assertEquals(Judgement.Verdict.SUFFICIENT, j.verdict(), facts + ": " + j.reason());
    }
  }

  @Test
  void tagNamesCountAsTextInsideTheObservation() {
    Judgement j = judge("<observation>the square is blue at the start. then the square turns red. answer think"
        + "</observation>");
    assertEquals(Judgement.Verdict.INSUFFICIENT, j.verdict());
    assertTrue(j.reason().contains("answer think"), j.reason());
  }

  @Test
  void withoutFactsThereIsNoScore() {
    Judgement j = new SyntheticJudge().judge(new JudgeQuery("q", "A", "anything", List.of()));
    assertEquals(Judgement.Verdict.NO_SCORE, j.verdict());
  }
}
