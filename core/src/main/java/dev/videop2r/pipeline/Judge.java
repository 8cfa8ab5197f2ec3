package dev.videop2r.pipeline;

/**
 * Step 3 of the CoT pipeline and the perception reward of PA-GRPO: does the observation alone hold enough
 * visual evidence to reach the ground-truth answer? Implementations must be safe to call from many threads.
 */
public interface Judge {

  /** A stable name that is part of the cache key, e.g. {@code synthetic} or {@code anthropic:claude-3-7-sonnet}. */
  String id();

  /**
   * Judges one observation. Never throws for a failed call: a failure after retries is a
   * {@link Judgement#noScore} with the reason.
   */
  Judgement judge(JudgeQuery query) throws InterruptedException;

  /**
   * Why this judge can give no verdict on any observation of {@code sample}, or empty when it can. Checked before
   * training, so that PA-GRPO does not run on data whose perception reward would always be absent.
   */
  default java.util.Optional<String> cannotJudge(dev.videop2r.data.Sample sample) {
    return java.util.Optional.empty();
  }
}
