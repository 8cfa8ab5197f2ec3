package dev.videop2r.training.rl;

import dev.videop2r.advantage.GroupAdvantages;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.reward.RewardBreakdown;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The per-step RL metrics (method §6 training dynamics): rewards per process, advantages, collapse, lengths. */
final class RlStepMetrics {
  private RlStepMetrics() {}

  static void rewards(Map<String, Object> m, List<RewardBreakdown> rewards, List<Judgement> verdicts) {
    m.put("reward/perception_accuracy", mean(rewards, r -> r.perceptionAccuracy().orElse(Double.NaN)));
    m.put("reward/perception_format", mean(rewards, RewardBreakdown::perceptionFormat));
    m.put("reward/perception_length", mean(rewards, RewardBreakdown::perceptionLength));
    m.put("reward/reasoning_accuracy", mean(rewards, RewardBreakdown::reasoningAccuracy));
    m.put("reward/reasoning_format", mean(rewards, RewardBreakdown::reasoningFormat));
    m.put("reward/reasoning_length", mean(rewards, RewardBreakdown::reasoningLength));
    m.put("reward/perception", mean(rewards, r -> r.perception().orElse(Double.NaN)));
    m.put("reward/reasoning", mean(rewards, RewardBreakdown::reasoning));
    long asked = verdicts.stream().filter(v -> v != null).count();
    long noScore = verdicts.stream().filter(v -> v != null && !v.scored()).count();
    m.put("judge/calls", asked);
    m.put("judge/no_score", noScore);
  }

  /**
   * @param groups the run's own advantages
   * @param collapsedIfGrpo groups GRPO (reasoning reward alone) would leave without signal on the same rollouts
   * @param processAware the same groups under PA-GRPO, for the per-process collapse of paper Fig. 6c
   */
  static void advantages(Map<String, Object> m, List<GroupAdvantages> groups, int collapsedIfGrpo,
      List<GroupAdvantages> processAware, int groupSize) {
    double[] p = stats(groups, true);
    double[] r = stats(groups, false);
    m.put("advantage/perception_mean", p[0]);
    m.put("advantage/perception_std", p[1]);
    m.put("advantage/perception_abs_max", p[2]);
    m.put("advantage/reasoning_mean", r[0]);
    m.put("advantage/reasoning_std", r[1]);
    m.put("advantage/reasoning_abs_max", r[2]);
    m.put("groups", groups.size());
    m.put("groups/collapsed", groups.stream().filter(GroupAdvantages::collapsed).count());
    m.put("groups/collapsed_if_grpo", collapsedIfGrpo);
    m.put("groups/collapsed_if_pa_grpo", processAware.stream().filter(GroupAdvantages::collapsed).count());
    // Paper Fig. 6c counts samples (rollouts) whose advantage collapsed, per process: a collapsed stream gives
    // every rollout of its group a zero advantage on that process's tokens.
    m.put("collapse/samples_perception",
        groupSize * processAware.stream().filter(GroupAdvantages::perceptionCollapsed).count());
    m.put("collapse/samples_reasoning",
        groupSize * processAware.stream().filter(GroupAdvantages::reasoningCollapsed).count());
    m.put("collapse/samples_pa_grpo", groupSize * processAware.stream().filter(GroupAdvantages::collapsed).count());
    m.put("collapse/samples_grpo", (long) groupSize * collapsedIfGrpo);
    m.put("algorithm", groups.isEmpty() ? "" : assignment(groups.get(0).objective()));
  }

  /** The credit assignment as the metrics name it: GRPO (T-GRPO's too), PA_GRPO or PA_GRPO_NO_SEPARATION. */
  private static String assignment(RlObjective objective) {
    if (!objective.processAware()) {
      return "GRPO";
    }
    return objective.separation() ? "PA_GRPO" : "PA_GRPO_NO_SEPARATION";
  }

  static void lengths(Map<String, Object> m, List<Rollout> rollouts, List<RolloutSegments> segments) {
    m.put("length/perception_tokens", segments.stream().mapToInt(s -> s.tokens().perceptionLength()).average()
        .orElse(0));
    m.put("length/reasoning_tokens", segments.stream().mapToInt(s -> s.tokens().reasoningLength()).average()
        .orElse(0));
    m.put("length/completion_tokens", rollouts.stream().mapToInt(r -> r.tokens().length).average().orElse(0));
    m.put("completions_stopped", rollouts.stream().filter(Rollout::stopped).count() / (double) rollouts.size());
  }

  /** Mean over the present (non-NaN) values; NaN when none is present. */
  private static double mean(List<RewardBreakdown> rewards, ToDoubleFunction<RewardBreakdown> f) {
    return rewards.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }

  /** Mean, std and max |·| of the per-rollout advantages of one process over the batch. */
  private static double[] stats(List<GroupAdvantages> groups, boolean perception) {
    double sum = 0;
    double sq = 0;
    double max = 0;
    int n = 0;
    for (GroupAdvantages g : groups) {
      for (double a : perception ? g.perception() : g.reasoning()) {
        sum += a;
        sq += a * a;
        max = Math.max(max, Math.abs(a));
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    return new double[] {mean, n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean)), max};
  }
}
