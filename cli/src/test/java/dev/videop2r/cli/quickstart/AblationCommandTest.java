package dev.videop2r.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AblationCommandTest {

  @Test
  void aSeedOutsideTheReportIsRefusedNamingTheFlagBeforeAnythingRuns(@TempDir Path out) throws Exception {
    for (String seed : new String[] {"-1", "3"}) {
      CommandLine cli = Main.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err));
      int exit = cli.execute("experiment", "ablation", "--out", out.toString(), "--seeds", "3", "--only-seed", seed);
      assertNotEquals(0, exit);
      assertTrue(err.toString().contains("--only-seed must be one of the report's seeds 0..2 (--seeds 3), got "
          + seed), err.toString());
    }
    try (var files = Files.list(out)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void helpNamesTheOnlySeedWorkflow() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("experiment", "ablation", "--help"));
    assertTrue(out.toString().contains("--only-seed=S"), out.toString());
  }
}
