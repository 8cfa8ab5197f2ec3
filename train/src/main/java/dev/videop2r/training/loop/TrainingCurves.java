package dev.videop2r.training.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.report.LineChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PNG curves of a run, redrawn from its {@code metrics.jsonl} into {@code <run>/plots/}: one chart per group of
 * related metrics (loss, learning rate, gradient norm, per-process rewards, segment lengths, collapsed groups,
 * KL and clipping, time split, throughput), and one more per family ({@code family/name} prefix) of any other
 * metric the run logged. Lines are smoothed as TensorBoard does, over the faint raw ones. Charts whose metrics the
 * run did not log are skipped.
 */
public final class TrainingCurves {
  /** One panel; {@code smooth} is false for curves without noise (a schedule), which smoothing would only bend. */
  private record Chart(String file, String title, List<String> metrics, boolean smooth) {
    Chart(String file, String title, List<String> metrics) {
      this(file, title, metrics, true);
    }
  }

  private static final List<Chart> CHARTS = List.of(
      new Chart("loss.png", "Loss", List.of("loss")),
      new Chart("lr.png", "Learning rate", List.of("lr"), false),
      new Chart("grad_norm.png", "Gradient norm (before clipping)", List.of("grad_norm")),
      new Chart("accuracy.png", "Accuracy rewards per process",
          List.of("reward/perception_accuracy", "reward/reasoning_accuracy")),
      new Chart("format.png", "Format rewards per process",
          List.of("reward/perception_format", "reward/reasoning_format")),
      new Chart("length_reward.png", "Length rewards per process",
          List.of("reward/perception_length", "reward/reasoning_length")),
      new Chart("segment_lengths.png", "Segment lengths (tokens)",
          List.of("length/perception_tokens", "length/reasoning_tokens")),
      new Chart("collapsed_groups.png", "Collapsed groups per batch",
          List.of("groups/collapsed", "groups/collapsed_if_grpo", "groups/collapsed_if_pa_grpo")),
      new Chart("collapsed_samples.png", "Rollouts with a collapsed advantage per batch (paper Fig. 6c)",
          List.of("collapse/samples_perception", "collapse/samples_reasoning", "collapse/samples_pa_grpo",
              "collapse/samples_grpo")),
      new Chart("kl.png", "KL to the reference (k3)", List.of("kl")),
      new Chart("clip_fraction.png", "Clipped-token fraction", List.of("clip_fraction")),
      new Chart("time_split.png", "Step time split (s)", List.of("time/step_s", "time/rollout_s", "time/segment_s", "time/judge_s", "time/reward_s",
          "time/reference_s", "time/update_s", "time/data_s", "time/forward_backward_s", "time/optimizer_s")),
      new Chart("throughput.png", "Throughput (tokens/s)", List.of("tokens_per_s", "rollout_tokens_per_s")));

  /** Row keys that are not curves: the x axis and bookkeeping. */
  private static final Set<String> NOT_PLOTTED = Set.of("step");

  private TrainingCurves() {}

  /** The fixed charts, then one per family of the numeric metrics they leave out, in order of first appearance. */
  private static List<Chart> charts(List<JsonNode> rows) {
    Set<String> charted = new HashSet<>(NOT_PLOTTED);
    CHARTS.forEach(c -> charted.addAll(c.metrics()));
    Map<String, List<String>> families = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      row.fields().forEachRemaining(e -> {
        if (e.getValue().isNumber() && charted.add(e.getKey())) {
          int slash = e.getKey().indexOf('/');
          families.computeIfAbsent(slash < 0 ? e.getKey() : e.getKey().substring(0, slash), f -> new ArrayList<>())
              .add(e.getKey());
        }
      });
    }
    List<Chart> charts = new ArrayList<>(CHARTS);
    families.forEach((family, metrics) -> charts.add(new Chart(family.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png",
        family, metrics)));
    return charts;
  }

  /** Draws every chart with data; returns the files written. */
  public static List<Path> draw(Path runDir) {
    Path metrics = runDir.resolve("metrics.jsonl");
    if (!Files.isRegularFile(metrics)) {
      throw new IllegalArgumentException(runDir + " has no metrics.jsonl: not a training run directory");
    }
    List<JsonNode> rows = MetricsLog.read(metrics);
    List<Path> written = new ArrayList<>();
    for (Chart c : charts(rows)) {
      LineChart chart = new LineChart(c.title(), "optimizer step");
      if (!c.smooth()) {
        chart.smoothing(0);
      }
      for (String name : c.metrics()) {
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        boolean any = false;
        for (int i = 0; i < rows.size(); i++) {
          JsonNode v = rows.get(i).get(name);
          x[i] = rows.get(i).path("step").asDouble();
          y[i] = v != null && v.isNumber() ? v.asDouble() : Double.NaN;
          any |= v != null && v.isNumber();
        }
        if (any) {
          chart.add(new LineChart.Series(name, x, y));
        }
      }
      if (chart.hasData()) {
        Path file = runDir.resolve("plots").resolve(c.file());
        chart.write(file);
        written.add(file);
      }
    }
    return written;
  }
}
