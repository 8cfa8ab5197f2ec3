package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.Sample;
import dev.videop2r.reward.ScoringMode;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Each injected teacher mistake is caught by exactly the filter meant for it, on every problem type. */
class SyntheticFiltersTest {

  private final TemplateVerifier verifier = new TemplateVerifier(0.6, ScoringMode.VIDEO_R1);
  private final SyntheticJudge judge = new SyntheticJudge();

  private Fate fate(SyntheticTeacher teacher, Sample s) {
    String response = teacher.respond(new TeacherInput(s, "prompt", null));
    Verification v = verifier.verify(s, response);
    if (!v.passed()) {
      return Fate.DROPPED_VERIFY;
    }
    Judgement j = judge.judge(JudgeQuery.of(s, v.observation()));
    return j.verdict() == Judgement.Verdict.SUFFICIENT ? Fate.KEPT : Fate.DROPPED_JUDGE;
  }

  @Property(tries = 200)
  void mistakesLandInTheirFilter(@ForAll @IntRange(min = 1, max = 100_000) int id,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    Sample s = TestSamples.sample(id);
    SyntheticTeacher teacher = new SyntheticTeacher(new ErrorInjection(0.3, 0.3, 0.3, seed));
    Fate expected = switch (teacher.mistakeFor(s)) {
      case NONE -> Fate.KEPT;
      case OMIT_FACT -> Fate.DROPPED_JUDGE;
      case WRONG_ANSWER, BROKEN_TEMPLATE -> Fate.DROPPED_VERIFY;
    };
    assertEquals(expected, fate(teacher, s), () -> teacher.respond(new TeacherInput(s, "p", null)));
  }

  @Test
  void everyMistakeOccursAndTheCleanTeacherIsAlwaysKept() {
    SyntheticTeacher clean = new SyntheticTeacher(ErrorInjection.none());
    SyntheticTeacher noisy = new SyntheticTeacher(new ErrorInjection(0.25, 0.25, 0.25, 7));
    Map<SyntheticTeacher.Mistake, Integer> seen = new EnumMap<>(SyntheticTeacher.Mistake.class);
    for (int i = 1; i <= 200; i++) {
      Sample s = TestSamples.sample(i);
      assertEquals(Fate.KEPT, fate(clean, s));
      seen.merge(noisy.mistakeFor(s), 1, Integer::sum);
    }
    assertEquals(SyntheticTeacher.Mistake.values().length, seen.size(), seen.toString());
  }

  @Test
  void judgeComparesFactsAfterNormalisation() {
    JudgeQuery q = new JudgeQuery("q", "a", "<observation>the RED ball, moves left;  The sky is blue</observation>",
        java.util.List.of("The red ball moves left.", "the sky is blue"));
    assertTrue(judge.judge(q).perceptionAccuracy().orElseThrow() == 1.0);
    JudgeQuery missing = new JudgeQuery("q", "a", "<observation>the red ball moves</observation>",
        java.util.List.of("The red ball moves left."));
    Judgement j = judge.judge(missing);
    assertEquals(Judgement.Verdict.INSUFFICIENT, j.verdict());
    assertTrue(j.reason().contains("The red ball moves left."));
    // "ball" must not match inside "balloon": facts are matched as whole-word runs
    assertEquals(java.util.List.of("red ball"), FactText.cover("a red balloon moves", java.util.List.of("red ball"))
        .missing());
    assertFalse(judge.judge(new JudgeQuery("q", "a", "obs", java.util.List.of())).scored());
  }
}
