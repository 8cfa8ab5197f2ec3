package dev.videop2r.training.rl;

/**
 * How per-token policy losses become one scalar. Each mode is a weight per token, so a step split into
 * micro-batches gets exactly the gradient of the whole batch when the weights use the whole step's counts.
 *
 * <ul>
 *   <li>{@link #TOKEN_MEAN} (default): Σ ℓ over every loss token of the step / their number (DAPO, verl and
 *       TRL's default; long responses are not down-weighted, which avoids the length drift of sequence-mean).
 *   <li>{@link #SEQUENCE_MEAN}: mean over rollouts of each rollout's token mean (original GRPO, Video-R1,
 *       VideoRFT).
 *   <li>{@link #PROCESS_MEAN}: the mean over all perception tokens of the step and the mean over all reasoning
 *       tokens, averaged (each process present weighs the same whatever its length).
 * </ul>
 */
public enum LossAggregation {
  TOKEN_MEAN,
  SEQUENCE_MEAN,
  PROCESS_MEAN;

  /**
   * Token weights for a whole step.
   *
   * @param process per rollout, per completion token: {@link ProcessLabel#PERCEPTION}, {@link ProcessLabel#REASONING}, or
   *     {@link ProcessLabel#NONE} for tokens that carry no loss (padding, past the end)
   * @return same shape, weights summing to 1 over the step (0 where the process is NONE)
   */
  public float[][] weights(byte[][] process) {
    long tokens = 0;
    long[] perProcess = new long[3];
    int sequences = 0;
    for (byte[] row : process) {
      int n = 0;
      for (byte p : row) {
        if (p != ProcessLabel.NONE) {
          n++;
          perProcess[p]++;
        }
      }
      tokens += n;
      sequences += n > 0 ? 1 : 0;
    }
    int processesPresent = (perProcess[ProcessLabel.PERCEPTION] > 0 ? 1 : 0) + (perProcess[ProcessLabel.REASONING] > 0 ? 1 : 0);
    float[][] w = new float[process.length][];
    for (int i = 0; i < process.length; i++) {
      byte[] row = process[i];
      w[i] = new float[row.length];
      int n = 0;
      for (byte p : row) {
        n += p != ProcessLabel.NONE ? 1 : 0;
      }
      for (int t = 0; t < row.length; t++) {
        byte p = row[t];
        if (p == ProcessLabel.NONE) {
          continue;
        }
        w[i][t] = switch (this) {
          case TOKEN_MEAN -> 1f / tokens;
          case SEQUENCE_MEAN -> 1f / ((float) n * sequences);
          case PROCESS_MEAN -> 1f / ((float) perProcess[p] * processesPresent);
        };
      }
    }
    return w;
  }
}
