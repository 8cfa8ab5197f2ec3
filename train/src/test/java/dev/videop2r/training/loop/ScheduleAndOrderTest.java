package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.videop2r.training.optim.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndOrderTest {
  @Test
  void schedulesFollowTheHfFormulas() {
    var linear = new LearningRateSchedule(LearningRateSchedule.Kind.LINEAR, 1.0, 2, 10);
    assertEquals(0.0, linear.at(0));
    assertEquals(0.5, linear.at(1));
    assertEquals(1.0, linear.at(2));
    assertEquals(0.5, linear.at(6), 1e-12);
    var cosine = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 2.0, 0, 10);
    assertEquals(2.0, cosine.at(0));
    assertEquals(1.0, cosine.at(5), 1e-12);
    assertEquals(0.0, cosine.at(10), 1e-12);
    var constant = new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 3.0, 0, 10);
    assertEquals(3.0, constant.at(9));
  }

  @Test
  void dataOrderIsAPermutationPerEpochAndResumesFromItsPosition() {
    DataOrder full = new DataOrder(5, 7, true, new DataOrder.Position(0, 0));
    List<Integer> uninterrupted = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      uninterrupted.add(full.next());
    }
    assertEquals(List.of(0, 1, 2, 3, 4), uninterrupted.subList(0, 5).stream().sorted().toList());
    assertNotEquals(uninterrupted.subList(0, 5), uninterrupted.subList(5, 10));

    DataOrder first = new DataOrder(5, 7, true, new DataOrder.Position(0, 0));
    List<Integer> resumed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      resumed.add(first.next());
    }
    DataOrder second = new DataOrder(5, 7, true, first.position());
    for (int i = 0; i < 5; i++) {
      resumed.add(second.next());
    }
    assertEquals(uninterrupted, resumed);
  }

  @Test
  void peekShowsWhatNextWillDrawAcrossAnEpochBoundaryWithoutMovingTheCursor() {
    DataOrder order = new DataOrder(5, 7, true, new DataOrder.Position(0, 3));
    int[] ahead = order.peek(4);
    assertEquals(new DataOrder.Position(0, 3), order.position());
    assertArrayEquals(ahead, order.next(4));
    assertEquals(new DataOrder.Position(1, 2), order.position());
    DataOrder reference = new DataOrder(5, 7, true, new DataOrder.Position(0, 3));
    for (int expected : ahead) {
      assertEquals(expected, reference.next());
    }
  }

  @Test
  void seededRandomContinuesFromItsState() {
    SeededRandom a = new SeededRandom(3);
    a.nextLong();
    SeededRandom b = new SeededRandom(a.state());
    assertEquals(a.nextLong(), b.nextLong());
  }
}
