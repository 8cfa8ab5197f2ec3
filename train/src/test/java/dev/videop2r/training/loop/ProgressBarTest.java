package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void onATerminalRedrawsOneLineWithStepLossThroughputAndEtaAndEndsItAtTheLastStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 2, true, 10);
    bar.update(1, 1500, "loss 0.5");
    bar.update(2, 1500, "loss 0.25");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\r[############............] 1/2 loss 0.5 "), out);
    assertTrue(out.contains("\r[########################] 2/2 loss 0.25 "), out);
    assertTrue(out.contains(" tok/s ETA 00:00"), out);
    assertTrue(out.endsWith(System.lineSeparator()), "a finished bar ends its line");
  }

  @Test
  void inALogFilePrintsWholeLinesNoMoreOftenThanAskedAndAlwaysTheLast() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 3, false, 3600);
    bar.update(1, 10, "loss 0.5");
    bar.update(2, 10, "loss 0.4");
    bar.update(3, 10, "loss 0.3");
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
    assertEquals(2, lines.length, "first and last step only");
    assertTrue(lines[0].startsWith("[########................] 1/3 loss 0.5 "), lines[0]);
    assertTrue(lines[1].startsWith("[########################] 3/3 loss 0.3 "), lines[1]);
    assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in a log file");
  }

  @Test
  void aStageWithoutTokensShowsNoRate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 1, false, 10);
    bar.update(1, 0, "loss 0.07");
    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    assertEquals("[########################] 1/1 loss 0.07 ETA 00:00", line);
  }
}
