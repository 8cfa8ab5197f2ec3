package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.pipeline.RunAbortedException;
import dev.videop2r.spec.InvalidFieldException;
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

  @Test
  void aSpecFieldIsReportedAsTheFlagItWasDeclaredAs() {
    CommandLine rl = Main.commandLine().getSubcommands().get("rl");
    assertEquals("--algo", CliErrors.flag(rl, "algorithm"));
    assertEquals("--device", CliErrors.flag(rl, "inputs.device"));
    assertEquals("--judge", CliErrors.flag(rl, "judge.kind"));
    assertEquals("--rollout-url", CliErrors.flag(rl, "baseUrls"));
    CommandLine serve = Main.commandLine().getSubcommands().get("serve");
    assertEquals("--max-batch-rows", CliErrors.flag(serve, "limits.maxBatchRows"));
    assertEquals("--model", CliErrors.flag(serve, "model"));
  }

  @Test
  void theFieldsAMessageMentionsAreReportedAsFlags() {
    CommandLine rl = Main.commandLine().getSubcommands().get("rl");
    InvalidFieldException e = new InvalidFieldException("judge.kind",
        name -> "turn it off with " + name.apply("reward.lengthBonus") + "=0 or continue with "
            + name.apply("resume"));
    assertEquals("judge.kind: turn it off with reward.lengthBonus=0 or continue with resume",
        e.getMessage());
    assertEquals("--judge: turn it off with --length-bonus=0 or continue with --resume",
        CliErrors.message(rl, e));
  }

  @Test
  void aWrappedFieldMessageIsReportedWithFlagsInsideItsWrapper() {
    CommandLine rl = Main.commandLine().getSubcommands().get("rl");
    RunAbortedException cause = new RunAbortedException(name -> "judge gone; continue with " + name.apply("resume"));
    RuntimeException wrapped = new RuntimeException("step 3: " + cause.getMessage(), cause);
    assertEquals("step 3: judge gone; continue with --resume", CliErrors.message(rl, wrapped));
  }

  @Test
  void aQuickstartSettingIsReportedAsItsSizeFlag() {
    String err = errorOf("quickstart", "--out", dir.resolve("q").toString(), "--rl-prompts", "0");
    assertTrue(err.contains("quickstart: error: --rl-prompts: must be >= 1, got 0"), err);
  }
}
