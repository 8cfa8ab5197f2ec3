package dev.videop2r.training;

/**
 * Every SFT knob, documented once.
 *
 * @param optimizer learning rate, schedule, AdamW, clipping, seed, checkpoint cadence (see {@link OptimizerConfig})
 * @param batchSize conversations per micro-batch (one forward/backward)
 * @param gradientAccumulation micro-batches per optimizer step (paper: batch 8, accumulation 2)
 * @param epochs passes over the dataset (paper: 1); the step count is ceil(epochs·N / (batch·accumulation))
 * @param maxSteps when > 0, stop after this many optimizer steps instead (smoke runs)
 * @param shuffle visit samples in a seeded random order per epoch (otherwise file order)
 * @param freezeVision leave the vision tower and merger ({@code visual.*}) as they are and train the decoder only
 */
public record SftConfig(
    OptimizerConfig optimizer, int batchSize, int gradientAccumulation, double epochs, int maxSteps,
    boolean shuffle, boolean freezeVision) {

  public SftConfig {
    if (batchSize < 1 || gradientAccumulation < 1) {
      throw new IllegalArgumentException("--batch-size and --grad-accum must be >= 1, got " + batchSize + ", "
          + gradientAccumulation);
    }
    if (!(epochs > 0) && maxSteps <= 0) {
      throw new IllegalArgumentException("--epochs must be > 0 (or set --max-steps), got " + epochs);
    }
  }

  public static SftConfig paperDefaults() {
    return new SftConfig(OptimizerConfig.sftDefaults(), 8, 2, 1.0, 0, true, false);
  }

  public int totalSteps(int datasetSize) {
    if (maxSteps > 0) {
      return maxSteps;
    }
    return (int) Math.max(1, Math.ceil(epochs * datasetSize / (double) (batchSize * gradientAccumulation)));
  }
}
