package dev.videop2r.advantage;

import java.util.List;

/**
 * Advantage collapse over a batch of groups (method spec §5; paper Fig. 6).
 *
 * @param groups groups in the batch
 * @param collapsed groups whose advantages collapsed ({@link GroupAdvantages#collapsed()})
 * @param perceptionCollapsed groups whose perception stream collapsed
 * @param reasoningCollapsed groups whose reasoning stream collapsed
 */
public record CollapseStats(int groups, int collapsed, int perceptionCollapsed, int reasoningCollapsed) {

  public static CollapseStats of(List<GroupAdvantages> batch) {
    int c = 0;
    int p = 0;
    int r = 0;
    for (GroupAdvantages g : batch) {
      c += g.collapsed() ? 1 : 0;
      p += g.perceptionCollapsed() ? 1 : 0;
      r += g.reasoningCollapsed() ? 1 : 0;
    }
    return new CollapseStats(batch.size(), c, p, r);
  }

  /** Collapsed share of the batch, 0 for an empty batch. */
  public double collapsedFraction() {
    return groups == 0 ? 0.0 : (double) collapsed / groups;
  }
}
