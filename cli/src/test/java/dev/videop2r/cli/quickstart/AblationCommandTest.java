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
  void aNegativeSeedIsRefusedNamingTheFlagBeforeAnythingRuns(@TempDir Path out) throws Exception {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("experiment", "ablation", "--out", out.toString(), "--only-seed", "-1");
    assertNotEquals(0, exit);
    assertTrue(err.toString().contains("--only-seed must be >= 0"), err.toString());
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
