package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void redrawsOneLineWithStepLossThroughputAndEtaAndEndsItAtTheLastStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 2);
    bar.update(1, 1500, "loss 0.5");
    bar.update(2, 1500, "loss 0.25");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\r[############............] 1/2 loss 0.5 "), out);
    assertTrue(out.contains("\r[########################] 2/2 loss 0.25 "), out);
    assertTrue(out.contains(" tok/s ETA 0m00s"), out);
    assertTrue(out.endsWith(System.lineSeparator()), "a finished bar ends its line");
    assertEquals("1.5k", ProgressBar.human(1500));
    assertEquals("2.0M", ProgressBar.human(2e6));
    assertEquals("1h01m", ProgressBar.duration(3660));
    assertEquals("2m05s", ProgressBar.duration(125));
  }
}
