package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The start-up line a command that runs a model prints to stderr, once (engine, libtorch, flavor, device, dtype). */
public final class StartupLines {
  private StartupLines() {}

  /** Asserts {@code stderr} holds exactly one start-up line, for the bundled CPU natives on {@code device}. */
  public static void assertOnce(String stderr, String device, String dtype) {
    String line = "engine PyTorch (DJL 0.35.0), libtorch 2.7.1 (cpu), device " + device + ", dtype " + dtype;
    assertEquals(1, stderr.lines().filter(line::equals).count(), "one start-up line '" + line + "' in: " + stderr);
    assertEquals(1, stderr.lines().filter(l -> l.startsWith("engine ")).count(), stderr);
  }
}
