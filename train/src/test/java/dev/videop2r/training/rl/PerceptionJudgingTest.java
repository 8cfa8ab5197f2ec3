package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerceptionJudgingTest {
  private static JudgeQuery query(String observation) {
    return new JudgeQuery("q", "A", observation, List.of());
  }

  @Test
  void judgingRunsInTheBackgroundAndAFailedCallIsNoScore() {
    CountDownLatch trainerWorked = new CountDownLatch(1);
    Judge judge = new Judge() {
      @Override
      public String id() {
        return "test";
      }

      @Override
      public Judgement judge(JudgeQuery q) throws InterruptedException {
        if (q.observation().equals("boom")) {
          throw new IllegalStateException("connection reset");
        }
        // Answers only once the submitting thread has gone on with other work.
        return trainerWorked.await(10, TimeUnit.SECONDS) ? Judgement.sufficient("ok") : Judgement.insufficient("late");
      }
    };
    try (PerceptionJudging judging = new PerceptionJudging(judge, 2)) {
      PerceptionJudging.Pending pending = judging.submit(Arrays.asList(query("a"), null, query("boom")));
      trainerWorked.countDown();
      List<Judgement> verdicts = pending.await();
      assertEquals(Judgement.Verdict.SUFFICIENT, verdicts.get(0).verdict());
      assertNull(verdicts.get(1));
      assertEquals(Judgement.Verdict.NO_SCORE, verdicts.get(2).verdict());
      assertTrue(verdicts.get(2).reason().contains("connection reset"), verdicts.get(2).reason());
    }
  }
}
