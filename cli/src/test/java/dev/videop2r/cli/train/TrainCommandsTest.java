package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * sft, rl and plot end to end on real MP4 clips (FFmpeg decoding, Qwen patchify, the vision tower in the training
 * forward) with a tiny random Qwen2.5-VL and a word-level tokenizer.
 */
class TrainCommandsTest {
  @TempDir static Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void world() throws Exception {
    TinyWorld.write(dir);
  }

  private static String[] common(String... more) {
    return TinyWorld.common(dir, more);
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }

  @Test
  void sftThenRlThenPlotOnRealClips() throws Exception {
    Path sftOut = dir.resolve("runs/sft");
    String[] sft = concat(new String[] {"sft", "--model", dir.resolve("base").toString()},
        common("--out", sftOut.toString(), "--max-steps", "2", "--batch-size", "2", "--grad-accum", "1",
            "--lr", "1e-3", "--save-every", "1"));
    Run first = run(sft);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("sft: 2 steps"), first.out());
    assertTrue(Files.exists(sftOut.resolve("model/config.json")) && Files.exists(sftOut.resolve("model/tokenizer.json")));
    assertTrue(Files.exists(sftOut.resolve("plots/loss.png")));

    Run again = run(sft);
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("--resume"), again.err());
    Run resumed = run(concat(sft, "--resume"));
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(2, Files.readAllLines(sftOut.resolve("metrics.jsonl")).size(), "a finished run trains no more");

    Path rlOut = dir.resolve("runs/rl");
    Run rl = run(concat(new String[] {"rl", "--model", sftOut.resolve("model").toString()},
        common("--out", rlOut.toString(), "--algo", "pa-grpo", "--steps", "1", "--prompts-per-step", "1",
            "--group-size", "2", "--max-new-tokens", "6", "--lr", "1e-4")));
    assertEquals(0, rl.exit(), rl.err());
    assertTrue(rl.out().contains("rl: 1 optimizer steps"), rl.out());
    assertEquals(1, Files.readAllLines(rlOut.resolve("metrics.jsonl")).size());

    Run plot = run("plot", rlOut.toString());
    assertEquals(0, plot.exit(), plot.err());
    assertTrue(plot.out().contains("time_split.png"), plot.out());
  }

  @Test
  void badFlagsAreClearErrors() {
    Run ablate = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad").toString(), "--ablate", "no-such-thing")));
    assertEquals(2, ablate.exit());
    assertTrue(ablate.err().contains("--ablate: unknown value 'no-such-thing'"), ablate.err());
    Run judge = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad2").toString(), "--judge", "openai", "--judge-model", "m")));
    assertEquals(2, judge.exit());
    assertTrue(judge.err().contains("--judge openai needs --judge-url"), judge.err());
    Run plot = run("plot", dir.toString());
    assertEquals(2, plot.exit());
    assertTrue(plot.err().contains("no metrics.jsonl"), plot.err());
  }
}
