package dev.videop2r.experiments;

import dev.videop2r.evaluation.SyntheticEvaluation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart end to end: world, CoT pipeline, pretraining stand-ins, SFT, PA-GRPO, and the evaluation of base,
 * SFT and SFT + PA-GRPO on held-out clips plus the blind control, written up as {@code <out>/report.md}. Every
 * stage continues where an earlier invocation stopped ({@link Quickstart}).
 */
public final class QuickstartExperiment {
  private QuickstartExperiment() {}

  /** Runs (or finishes) every stage in {@code out}, logging progress to {@code log}, and writes the report. */
  public static ExperimentReport run(QuickstartSettings settings, Path out, PrintStream log) {
    long start = System.nanoTime();
    Quickstart q = new Quickstart(settings, out, log);
    Quickstart.World world = q.world();
    Quickstart.CotData cot = q.cot(world);
    Path base = q.pretrained(world, cot);
    Path sft = q.sft(base, world, cot);
    Path rl = q.rl(RlVariant.SFT_PA_GRPO, sft, world, cot);
    List<SyntheticEvaluation.Scores> scores = List.of(
        q.evaluate("Base (pretrained, before SFT)", base, world), q.evaluate("SFT", sft, world),
        q.evaluate("SFT + PA-GRPO", rl, world),
        q.evaluate("SFT + PA-GRPO, mismatched clips", rl, world, SyntheticEvaluation.Clips.MISMATCHED));
    double minutes = (System.nanoTime() - start) / 6e10;
    QuickstartReport report = new QuickstartReport("VideoP2R quickstart")
        .paragraph(String.format(Locale.ROOT, "Seed %d; %d training and %d held-out synthetic clips; wall time of"
            + " this invocation %.1f min. Accuracies are percentages on the held-out clips (greedy decoding).",
            settings.seed(), settings.trainClips(), settings.testClips(), minutes))
        .heading("1. Three-step CoT pipeline (paper §2: 260K in, 162K out)")
        .code(cot.fateTable())
        .heading("2. Pretraining stand-in (what Qwen2.5-VL brings; docs/quickstart.md)")
        .paragraph("Vision pretraining, linear probe per merged token where something is shown: "
            + q.visionProbeAccuracy() + ". Caption alignment (describe the clip from a fixed prompt, vision frozen):")
        .plots(out, out.resolve("caption"), List.of("loss.png"))
        .heading("3. Held-out evaluation (paper Table 1 layout, per problem type)")
        .scores(scores)
        .paragraph("The last row is the blind control: every question asked about another held-out clip. Where it"
            + " matches the row above, the answers come from the question and the answer priors, not from the video."
            + " \"Think states answer\" is the share of responses whose think segment states the answer they give"
            + " (the think-answer agreement of paper Table 6, for every problem type).")
        .heading("4. PA-GRPO training dynamics (paper Fig. 6)")
        .plots(out, out.resolve("rl").resolve(RlVariant.SFT_PA_GRPO.directory()), List.of("accuracy.png",
            "format.png", "collapsed_groups.png", "segment_lengths.png", "length_reward.png", "kl.png"))
        .heading("5. SFT loss")
        .plots(out, out.resolve("sft"), List.of("loss.png"));
    Path file = report.write(out.resolve("report.md"));
    log.printf("[quickstart] report: %s%n", file);
    return new ExperimentReport(file, report.toString());
  }
}
