package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Libraries name the field they refuse; the command line reports the flag that set it. */
class LibraryFieldFlagsTest {

  @TempDir Path dir;

  private String errorOf(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute(args));
    return err.toString();
  }

  @Test
  void aFieldIsReportedAsTheFlagOfTheSameName() throws Exception {
    Path in = Files.writeString(dir.resolve("in.jsonl"), "");
    String err = errorOf("cot", "generate", "--input", in.toString(), "--out", dir.resolve("o").toString(),
        "--records-per-part", "0");
    assertTrue(err.contains("cot generate: error: --records-per-part: must be >= 1, got 0"), err);
  }

  @Test
  void aFieldIsReportedAsTheFlagWhoseJavaFieldHasItsName() throws Exception {
    Path in = Files.writeString(dir.resolve("in.jsonl"), "");
    String err = errorOf("cot", "generate", "--input", in.toString(), "--out", dir.resolve("o").toString(),
        "--name", "../escape");
    assertTrue(err.contains("error: --name: must be a plain file name"), err);
  }

  @Test
  void aDottedFieldIsReportedAsItsPrefixedFlag() {
    CommandLine rl = Main.commandLine().getSubcommands().get("rl");
    assertEquals("--judge-concurrency", CliErrors.flag(rl, "judge.concurrency"));
    assertEquals("no.suchField", CliErrors.flag(rl, "no.suchField"));
  }
}
