package dev.videop2r.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.cli.Main;
import dev.videop2r.cli.StartupLines;
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
    StartupLines.assertOnce(first.err(), "cpu", "float32");
    assertTrue(first.out().contains("sft: 2 steps"), first.out());
    assertTrue(Files.exists(sftOut.resolve("model/config.json")) && Files.exists(sftOut.resolve("model/tokenizer.json")));
    assertTrue(Files.exists(sftOut.resolve("plots/loss.png")));

    Run again = run(sft);
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("error: --out: ") && again.err().contains("use --resume to continue it"),
        again.err());
    Run resumed = run(concat(sft, "--resume"));
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(2, Files.readAllLines(sftOut.resolve("metrics.jsonl")).size(), "a finished run trains no more");

    Path rlOut = dir.resolve("runs/rl");
    Run rl = run(concat(new String[] {"rl", "--model", sftOut.resolve("model").toString()},
        common("--out", rlOut.toString(), "--algo", "pa-grpo", "--steps", "1", "--prompts-per-step", "1",
            "--group-size", "2", "--max-new-tokens", "6", "--lr", "1e-4")));
    assertEquals(0, rl.exit(), rl.err());
    StartupLines.assertOnce(rl.err(), "cpu", "float32");
    assertTrue(rl.out().contains("rl: 1 optimizer steps"), rl.out());
    assertEquals(1, Files.readAllLines(rlOut.resolve("metrics.jsonl")).size());

    Run plot = run("plot", rlOut.toString());
    assertEquals(0, plot.exit(), plot.err());
    assertTrue(plot.out().contains("time_split.png"), plot.out());
  }

  @Test
  void tGrpoTrainsOnRealClipsAnsweringEachVideoAgainWithShuffledFrames() throws Exception {
    Path out = dir.resolve("runs/t-grpo");
    Run rl = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", out.toString(), "--algo", "t-grpo", "--steps", "1", "--prompts-per-step", "1",
            "--group-size", "2", "--max-new-tokens", "6", "--lr", "1e-4")));
    assertEquals(0, rl.exit(), rl.err());
    assertTrue(rl.out().contains("rl: 1 optimizer steps"), rl.out());
    var row = dev.videop2r.training.loop.MetricsLog.read(out.resolve("metrics.jsonl")).getFirst();
    assertEquals(1, row.path("temporal/video_prompts").asInt(), row.toString());
    assertTrue(row.has("temporal/earned") && row.has("temporal/shuffled_accuracy"), row.toString());
    assertEquals(0, row.path("judge/calls").asInt(), "T-GRPO asks no judge");
  }

  @Test
  void rlHelpListsOmegaAndBothLengthWindowsWithTheirDefaults() {
    Run help = run("rl", "--help");
    assertEquals(0, help.exit(), help.err());
    String text = help.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("--length-bonus=LENGTH_BONUS ω: the length reward r_len when it is earned. Default: 0.2"
        + " (assumed; the paper gives none)."), text);
    assertTrue(text.contains("--perception-window=MIN,MAX [l_min^p, l_max^p]"), text);
    assertTrue(text.contains("that earn r_len^p (paper §13.2). Default: 128,320."), text);
    assertTrue(text.contains("--reasoning-window=MIN,MAX"), text);
    assertTrue(text.contains("Default: 320,512 (assumed; the paper gives none)."), text);
    assertTrue(text.contains("--algo=pa-grpo|grpo"), text);
    assertTrue(text.contains("t-grpo, Video-R1's temporal GRPO"), text);
    assertTrue(text.contains("--ablate=ABLATION[,ABLATION...] The paper's Table 2 ablations of the objective,"
        + " comma separated: no-perception-reward"), text);
  }

  @Test
  void aConfigFileReproducesARunAndFlagsOverrideIt() throws Exception {
    Path first = dir.resolve("runs/by-flags");
    Run byFlags = run(concat(new String[] {"sft", "--model", dir.resolve("base").toString()},
        common("--out", first.toString(), "--max-steps", "2", "--batch-size", "2", "--grad-accum", "1",
            "--lr", "1e-3", "--seed", "5")));
    assertEquals(0, byFlags.exit(), byFlags.err());
    String config = Files.readString(first.resolve("config.yaml"));
    assertTrue(config.contains("learningRate: 0.001") && config.contains("seed: 5"), config);

    Path second = dir.resolve("runs/by-config");
    Run byConfig = run("sft", "--config", first.resolve("config.yaml").toString(), "--out", second.toString());
    assertEquals(0, byConfig.exit(), byConfig.err());
    assertEquals(config, Files.readString(second.resolve("config.yaml")));
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(first.resolve("model/model.safetensors")),
        Files.readAllBytes(second.resolve("model/model.safetensors"))), "the same settings train the same weights");

    Path third = dir.resolve("runs/config-and-flag");
    Run overridden = run("sft", "--config", first.resolve("config.yaml").toString(), "--out", third.toString(),
        "--lr", "2e-3");
    assertEquals(0, overridden.exit(), overridden.err());
    assertTrue(Files.readString(third.resolve("config.yaml")).contains("learningRate: 0.002"));

    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "optimizer:\n  learningRat: 0.1\n");
    Run bad = run("sft", "--config", typo.toString(), "--out", dir.resolve("runs/typo").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("unknown field 'optimizer.learningRat'"), bad.err());
  }

  @Test
  void resumeWithAnotherSettingIsRefusedNamingIt() {
    Path out = dir.resolve("runs/changed");
    String[] sft = concat(new String[] {"sft", "--model", dir.resolve("base").toString()},
        common("--out", out.toString(), "--max-steps", "2", "--batch-size", "2", "--grad-accum", "1",
            "--save-every", "1"));
    assertEquals(0, run(concat(sft, "--lr", "1e-3")).exit());
    Run changed = run(concat(sft, "--resume", "--lr", "2e-3"));
    assertEquals(2, changed.exit());
    assertTrue(changed.err().contains("changed: spec.optimizer.learningRate: 0.001 → 0.002"), changed.err());
    // TrainingRun names the settings resume, config and out; the command line reports their flags.
    assertTrue(changed.err().contains("sft: error: --resume: checkpoint ") && changed.err().contains("config.yaml"
        + " (--config) and its data, or choose another run directory (--out)"), changed.err());
  }

  @Test
  void badFlagsAreClearErrors() throws Exception {
    Run ablate = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad").toString(), "--ablate", "no-such-thing")));
    assertEquals(2, ablate.exit());
    assertTrue(ablate.err().contains("--ablate") && ablate.err().contains("'no-such-thing' is not one of"
        + " no-perception-reward, no-length-reward"), ablate.err());
    Run misfit = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad1").toString(), "--algo", "grpo", "--ablate",
            "no-length-reward,no-separation")));
    assertEquals(2, misfit.exit());
    assertTrue(misfit.err().contains("rl: error: --ablate: no-separation applies to pa-grpo only (grpo puts one"
        + " advantage on every token already)"), misfit.err());
    Path former = dir.resolve("former.yaml");
    Files.writeString(former, "algorithm: grpo\nseparation: false\n");
    Run upgraded = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString(), "--config",
        former.toString()}, common("--out", dir.resolve("runs/bad1b").toString())));
    assertEquals(2, upgraded.exit());
    assertTrue(upgraded.err().contains("no-separation applies to pa-grpo only"), "an older config's separation:"
        + " false reads as the no-separation ablation: " + upgraded.err());
    Run judge = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad2").toString(), "--judge", "openai", "--judge-model", "m")));
    assertEquals(2, judge.exit());
    assertTrue(judge.err().contains("--judge-url: required for the openai judge"), judge.err());
    Run omega = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad3").toString(), "--length-bonus", "-1")));
    assertEquals(2, omega.exit());
    assertTrue(omega.err().contains("rl: error: --length-bonus: ω must be >= 0, got -1.0"), omega.err());
    Run window = run(concat(new String[] {"rl", "--model", dir.resolve("base").toString()},
        common("--out", dir.resolve("runs/bad4").toString(), "--reasoning-window", "512,320")));
    assertEquals(2, window.exit());
    assertTrue(window.err().contains("--reasoning-window: need 0 <= min <= max, got [512, 320]"), window.err());
    Run missing = run("sft", "--out", dir.resolve("runs/bad5").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("sft: error: --model: required"), missing.err());
    Run plot = run("plot", dir.toString());
    assertEquals(2, plot.exit());
    assertTrue(plot.err().contains("no metrics.jsonl"), plot.err());
  }
}
