package dev.videop2r.training;

import java.util.List;

/**
 * Advantages of one group (the G rollouts of a prompt) under an {@link Algorithm}, and the collapse counts of
 * both algorithms on the same rewards (so a PA-GRPO run also reports what GRPO would have seen).
 *
 * @param perception advantage on each rollout's perception tokens
 * @param reasoning advantage on each rollout's reasoning tokens
 * @param collapsed the group gives no policy gradient under the run's algorithm (PA-GRPO: both processes
 *     collapsed; GRPO: the summed reward collapsed)
 * @param grpoCollapsed the summed reward R_p + R_r is collapsed (what GRPO counts)
 */
public record ProcessAdvantages(double[] perception, double[] reasoning, boolean collapsed,
                                boolean grpoCollapsed) {

  public static ProcessAdvantages of(List<ProcessRewards> group, Algorithm algorithm, boolean separate,
      double epsilon) {
    int g = group.size();
    double[] rp = new double[g];
    double[] rr = new double[g];
    double[] total = new double[g];
    for (int i = 0; i < g; i++) {
      rp[i] = group.get(i).perception();
      rr[i] = group.get(i).reasoning();
      total[i] = rp[i] + rr[i]; // NaN when R_p is absent: left out of GRPO's normalisation too
    }
    boolean grpoCollapsed = GroupNormalizer.collapsed(total);
    if (algorithm == Algorithm.GRPO) {
      double[] a = GroupNormalizer.advantages(total, epsilon);
      return new ProcessAdvantages(a, a.clone(), grpoCollapsed, grpoCollapsed);
    }
    double[] ap = GroupNormalizer.advantages(rp, epsilon);
    double[] ar = GroupNormalizer.advantages(rr, epsilon);
    boolean collapsed = GroupNormalizer.collapsed(rp) && GroupNormalizer.collapsed(rr);
    if (!separate) {
      double[] sum = new double[g];
      for (int i = 0; i < g; i++) {
        sum[i] = ap[i] + ar[i];
      }
      return new ProcessAdvantages(sum, sum.clone(), collapsed, grpoCollapsed);
    }
    return new ProcessAdvantages(ap, ar, collapsed, grpoCollapsed);
  }

  /** The per-token advantages of rollout i: A_p on perception tokens, A_r on reasoning tokens, 0 elsewhere. */
  public float[] tokens(int i, byte[] process) {
    float[] a = new float[process.length];
    for (int t = 0; t < process.length; t++) {
      a[t] = switch (process[t]) {
        case Segment.PERCEPTION -> (float) perception[i];
        case Segment.REASONING -> (float) reasoning[i];
        default -> 0f;
      };
    }
    return a;
  }
}
