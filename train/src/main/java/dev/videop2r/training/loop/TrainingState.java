package dev.videop2r.training.loop;

import dev.videop2r.training.optim.AdamW;


/**
 * Everything besides tensors that a resumed run needs to continue exactly where a checkpoint was taken.
 *
 * @param step optimizer steps completed
 * @param dataEpoch epoch of the next sample to read
 * @param dataOffset offset of the next sample in that epoch's permutation
 * @param rngState state of the run's {@link SeededRandom} (sampling seeds for rollouts)
 * @param optimizerSteps AdamW's bias-correction step count
 * @param tokensSeen trained (loss-bearing) tokens so far, for throughput and the progress bar
 * @param configJson the trainer configuration the run was started with; a resume must match it
 */
public record TrainingState(
    int step, int dataEpoch, int dataOffset, long rngState, long optimizerSteps, long tokensSeen,
    String configJson) {}
