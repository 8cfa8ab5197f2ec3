package dev.videop2r.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of the error contract fails when broken, and a reader that keeps it passes. */
class FuzzRunTest {

  @TempDir Path dir;
  /** Keeps allocations observable (not optimised away). */
  private static volatile byte[] sink;

  private static final FuzzRun.Generator BYTES =
      random -> ByteMutations.damage("{\"a\": [1, 2, 3]}".getBytes(), random);

  private String violation(FuzzRun run, FuzzRun.Reader reader) {
    return assertThrows(AssertionError.class, () -> run.run(3, BYTES, reader)).getMessage();
  }

  private FuzzRun run() throws IOException {
    return new FuzzRun("test", 42, Sandbox.under(dir), "input.json");
  }

  @Test
  void aReaderThatKeepsTheContractPassesWithItsCounts() throws Exception {
    FuzzRun.Summary summary = run().run(4, BYTES, input -> {
      if (input.index() % 2 == 0) {
        throw new IOException("input.json: damaged");
      }
    });
    assertEquals(2, summary.accepted());
    assertEquals(Map.of("IOException", 2), summary.refusals());
  }

  @Test
  void eachBrokenRuleIsReportedWithTheSeed() throws Exception {
    String npe = violation(run(), input -> {
      throw new IllegalArgumentException("input.json: bad", new NullPointerException("x"));
    });
    assertTrue(npe.contains("caused by java.lang.NullPointerException") && npe.contains("seed 42"), npe);
    assertTrue(violation(run(), input -> {
      throw new IllegalArgumentException("bad");
    }).contains("does not name 'input.json'"));
    assertTrue(violation(run(), input -> {
      throw new RuntimeException("input.json: bad");
    }).contains("unexpected exception type"));
    assertTrue(violation(run().bound(Duration.ofMillis(100)), input -> Thread.sleep(2_000))
        .contains("still running after 100 ms"));
    assertTrue(violation(run().allocationCap(1 << 20), input -> {
      for (int i = 0; i < 8; i++) {
        sink = new byte[1 << 20];
      }
    }).contains("allocated"));
    assertTrue(violation(run(), input -> Files.writeString(dir.resolve("stray-" + input.index()), "x"))
        .contains("wrote outside its folders"));
  }
}
