package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CliErrorsTest {

  private record Run(int exit, String err) {
    long lines() {
      return err.lines().count();
    }
  }

  private static Run run(CommandLine cli, String... args) {
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  void aFailedCommandIsOneLineNamingTheWholeCommandPath() {
    Run r = run(Main.commandLine(), "model", "plan", "--published", "qwen2.5-vl-7b", "--dtype", "int4");
    assertEquals(2, r.exit());
    assertEquals(1, r.lines(), r.err());
    assertTrue(r.err().startsWith("videop2r model plan: error: --dtype must be"), r.err());
  }

  @Test
  void aUsageMistakeIsOneLineWithWhereToReadMore() {
    Run r = run(Main.commandLine(), "model", "plan", "--no-such-flag");
    assertEquals(2, r.exit());
    assertEquals(1, r.lines(), r.err());
    assertTrue(r.err().startsWith("videop2r model plan: error: Unknown option: '--no-such-flag'"), r.err());
    assertTrue(r.err().contains("'videop2r model plan --help'"), r.err());
  }

  @Test
  void argumentGroupMistakesCarryOneErrorPrefix() {
    Run exclusive = run(Main.commandLine(), "model", "plan", "--published", "qwen2.5-vl-7b", "--paper");
    Run missing = run(Main.commandLine(), "infer", "--adapter", "adapter", "--video", "v.mp4", "--question", "q");
    for (Run r : List.of(exclusive, missing)) {
      assertEquals(2, r.exit(), r.err());
      assertEquals(1, r.lines(), r.err());
      assertFalse(r.err().toLowerCase(Locale.ROOT).contains("error: error"), r.err());
    }
    assertTrue(exclusive.err().startsWith("videop2r model plan: error: --published=NAME, --paper are mutually"
        + " exclusive"), exclusive.err());
    assertTrue(missing.err().startsWith("videop2r infer: error: Missing required argument(s): --model=DIR"),
        missing.err());
  }

  @Command(name = "videop2r", subcommands = Failing.class)
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    static Throwable toThrow;

    @Override
    public Integer call() throws Exception {
      if (toThrow instanceof Error e) {
        throw e;
      }
      throw (Exception) toThrow;
    }
  }

  @Test
  void jvmErrorsAndMultiLineMessagesStayOnOneLine() {
    Failing.toThrow = new OutOfMemoryError("Java heap space");
    Run oom = run(CliErrors.install(new CommandLine(new Root())), "fail");
    assertEquals(1, oom.exit());
    assertEquals(1, oom.lines(), oom.err());
    assertTrue(oom.err().startsWith("videop2r fail: error: out of memory (Java heap space); give the JVM more with "
        + "VIDEOP2R_JAVA_OPTS"), oom.err());

    Failing.toThrow = new IllegalStateException("first line\n  second line\n");
    Run multi = run(CliErrors.install(new CommandLine(new Root())), "fail");
    assertEquals(2, multi.exit());
    assertEquals("videop2r fail: error: first line second line", multi.err().strip());
  }
}
