package dev.videop2r.training;

/**
 * A rollout's tokens assigned to processes, and the text the rewards need.
 *
 * @param process per completion token: {@link Segment#PERCEPTION}, {@link Segment#REASONING} or {@link Segment#NONE}
 * @param text the decoded completion (special tokens skipped)
 * @param observation the observation segment's text (tags included), or null when the rollout has none
 */
public record RolloutSegments(byte[] process, String text, String observation) {
  public int count(byte which) {
    int n = 0;
    for (byte p : process) {
      n += p == which ? 1 : 0;
    }
    return n;
  }
}
