package dev.videop2r.evaluation;

/** Told after every item of a run. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param done items finished so far in this invocation (answered or failed)
   * @param total items this invocation has to do (those already journaled are not counted)
   * @param failed items that failed so far in this invocation
   */
  void update(int done, int total, int failed);

  ProgressListener NONE = (done, total, failed) -> {};
}
