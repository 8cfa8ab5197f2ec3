package dev.videop2r.experiments;

import dev.videop2r.template.Segment;
import dev.videop2r.evaluation.SyntheticEvaluation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.data.ProblemType;
import dev.videop2r.report.LineChart;
import dev.videop2r.training.loop.MetricsLog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Paper Table 2 in miniature — SFT only, RL only, SFT+GRPO, process-agnostic SFT, the reward-design ablations as
 * the paper runs them and SFT+PA-GRPO, on the synthetic world, mean ± std over seeds beside the paper's 7B averages —
 * and the collapsed-sample comparison of paper Fig. 6c. Each seed shares its world, CoT data, base model and
 * (process-aware) SFT across the variants; finished stages are reused, so seeds can run in separate processes ({@link #runSeed}) and the
 * report be assembled afterwards.
 */
public final class AblationExperiment {
  private final Path out;
  private final int seeds;
  private final UnaryOperator<QuickstartSettings> sizes;
  private final PrintStream log;

  /**
   * @param seeds seeds 0..seeds-1
   * @param sizes applied to each seed's quickstart defaults (clip counts, RL steps, ...)
   */
  public AblationExperiment(Path out, int seeds, UnaryOperator<QuickstartSettings> sizes, PrintStream log) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    }
    this.out = out;
    this.seeds = seeds;
    this.sizes = sizes;
    this.log = log;
  }

  /** Runs (or finishes) every seed's variants and writes {@code <out>/report.md}. */
  public ExperimentReport run() {
    Map<RlVariant, List<SyntheticEvaluation.Scores>> scores = new LinkedHashMap<>();
    for (int seed = 0; seed < seeds; seed++) {
      runSeed(seed).forEach((v, s) -> scores.computeIfAbsent(v, k -> new ArrayList<>()).add(s));
    }
    QuickstartReport report = new QuickstartReport("VideoP2R ablation in miniature (paper Table 2)")
        .paragraph(String.format(Locale.ROOT, "%d seed(s); reasoning accuracy (%%) on each seed's held-out clips,"
            + " mean ± std over seeds, beside the paper's 7B average over its seven benchmarks (Table 2). The"
            + " rows are the paper's, in its order; w/o perception reward is the GRPO run, as in the paper."
            + " Process-agnostic SFT trains on the same kept CoT responses with the observation removed, asked"
            + " with Video-R1's think/answer prompt, from the same caption-aligned model; it has no observation"
            + " to judge (perception n/a).", seeds))
        .heading("Table 2 in miniature");
    table(report, scores);
    report.heading("Samples with collapsed advantage per batch (paper Fig. 6c)");
    collapsed(report);
    Path file = report.write(out.resolve("report.md"));
    log.printf("[ablation] report: %s%n", file);
    return new ExperimentReport(file, report.toString());
  }

  /** Every Table 2 variant of one seed (finished stages are reused), with its held-out scores. */
  public Map<RlVariant, SyntheticEvaluation.Scores> runSeed(int seed) {
    Quickstart q = new Quickstart(sizes.apply(QuickstartSettings.defaults(seed)), seedDir(seed), log);
    Quickstart.World world = q.world();
    Quickstart.CotData cot = q.cot(world);
    Path base = q.pretrained(world, cot);
    Map<RlVariant, SyntheticEvaluation.Scores> scores = new LinkedHashMap<>();
    for (RlVariant v : Table2Row.runs(Table2Row.paper())) {
      Path start = v.sft() ? q.sft(base, world, cot, v.template()) : base;
      Path model = v.rl() ? q.rl(v, start, world, cot) : start;
      scores.put(v, q.evaluate(v.name(), model, world, SyntheticEvaluation.Clips.OWN, v.template()));
    }
    return scores;
  }

  /** Where seed {@code seed}'s stages write. */
  public Path seedDir(int seed) {
    return out.resolve("seed-" + seed);
  }

  static void table(QuickstartReport report, Map<RlVariant, List<SyntheticEvaluation.Scores>> scores) {
    StringBuilder md = new StringBuilder("| Variant | Paper 7B avg. |");
    for (ProblemType t : ProblemType.values()) {
      md.append(' ').append(t.wireName()).append(" |");
    }
    md.append(" **Avg.** | Perception (judge) | Think states answer |\n|---|")
        .append("---:|".repeat(ProblemType.values().length + 4))
        .append('\n');
    for (Table2Row row : Table2Row.paper()) {
      List<SyntheticEvaluation.Scores> runs = scores.getOrDefault(row.run(), List.of());
      md.append("| ").append(row.label()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", row.paperAverage())).append(" |");
      for (ProblemType t : ProblemType.values()) {
        md.append(' ').append(meanStd(runs, s -> s.byType().containsKey(t)
            ? s.byType().get(t).reasoningAccuracy() : Double.NaN)).append(" |");
      }
      boolean perceives = row.run().template().expects(Segment.OBSERVATION);
      md.append(" **").append(meanStd(runs, s -> s.overall().reasoningAccuracy())).append("** | ")
          .append(perceives ? meanStd(runs, s -> s.overall().perceptionAccuracy()) : "n/a").append(" | ")
          .append(meanStd(runs, s -> s.overall().agreement())).append(" |\n");
    }
    report.paragraph(md.toString().stripTrailing());
  }

  private static String meanStd(List<SyntheticEvaluation.Scores> runs, ToDoubleFunction<SyntheticEvaluation.Scores> f) {
    double[] x = runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
    if (x.length == 0) {
      return "–";
    }
    double mean = java.util.Arrays.stream(x).average().orElse(0);
    double var = java.util.Arrays.stream(x).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, x.length - 1);
    return x.length == 1 ? QuickstartReport.pct(mean)
        : QuickstartReport.pct(mean) + " ± " + QuickstartReport.pct(Math.sqrt(var));
  }

  /**
   * Paper Fig. 6c: mean samples (rollouts) with a collapsed advantage per batch over seeds, per step — on PA-GRPO's
   * rollouts per process, and what GRPO (one reasoning reward) would give on the same rollouts — plus GRPO on its
   * own rollouts.
   */
  private void collapsed(QuickstartReport report) {
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("PA-GRPO, perception", mean(RlVariant.SFT_PA_GRPO, "collapse/samples_perception"));
    curves.put("PA-GRPO, reasoning", mean(RlVariant.SFT_PA_GRPO, "collapse/samples_reasoning"));
    curves.put("GRPO on PA-GRPO's rollouts", mean(RlVariant.SFT_PA_GRPO, "collapse/samples_grpo"));
    curves.put("GRPO (own rollouts)", mean(RlVariant.SFT_GRPO, "collapse/samples_grpo"));
    LineChart chart = new LineChart("Samples with collapsed advantage per batch (mean over seeds)", "RL step");
    StringBuilder md = new StringBuilder("| Run | mean collapsed samples per batch |\n|---|---:|\n");
    curves.forEach((name, y) -> {
      if (y.length == 0) {
        return;
      }
      double[] x = new double[y.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      chart.add(new LineChart.Series(name, x, y));
      md.append("| ").append(name).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", java.util.Arrays.stream(y).average().orElse(0))).append(" |\n");
    });
    report.paragraph(md.toString().stripTrailing());
    if (chart.hasData()) {
      Path png = out.resolve("collapsed_samples.png");
      chart.write(png);
      report.paragraph("![collapsed samples](" + out.relativize(png) + ")");
    }
  }

  private double[] mean(RlVariant variant, String metric) {
    List<double[]> perSeed = new ArrayList<>();
    for (int seed = 0; seed < seeds; seed++) {
      Path metrics = seedDir(seed).resolve("rl").resolve(variant.directory()).resolve("metrics.jsonl");
      if (Files.isRegularFile(metrics)) {
        perSeed.add(MetricsLog.read(metrics).stream().map(r -> r.get(metric)).filter(JsonNode.class::isInstance)
            .filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray());
      }
    }
    int steps = perSeed.stream().mapToInt(a -> a.length).min().orElse(0);
    double[] mean = new double[steps];
    for (double[] a : perSeed) {
      for (int i = 0; i < steps; i++) {
        mean[i] += a[i] / perSeed.size();
      }
    }
    return mean;
  }
}
