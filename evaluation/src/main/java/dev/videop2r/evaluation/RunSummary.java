package dev.videop2r.evaluation;

/**
 * What one invocation of the runner did.
 *
 * @param alreadyDone items found in the journal and not redone
 * @param answered items the model answered now
 * @param failed items that failed now (missing video or observation, model error), journaled with the error
 */
public record RunSummary(int items, int alreadyDone, int answered, int failed) {}
