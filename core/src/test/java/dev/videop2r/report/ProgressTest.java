package dev.videop2r.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void formatsBarRateAndClock() {
    assertEquals("[######..................] 1/4", Progress.bar(1, 4));
    assertEquals("[########################] 0/0", Progress.bar(0, 0));
    assertEquals("950", Progress.rate(950));
    assertEquals("0.42", Progress.rate(0.42));
    assertEquals("12.5", Progress.rate(12.5));
    assertEquals("1.5k", Progress.rate(1500));
    assertEquals("2.0M", Progress.rate(2e6));
    assertEquals("01:05", Progress.clock(65));
    assertEquals("2:00:05", Progress.clock(7205));
    assertEquals("--:--", Progress.clock(Progress.eta(10, 0)));
    assertEquals("00:05", Progress.clock(Progress.eta(10, 2)));
  }
}
