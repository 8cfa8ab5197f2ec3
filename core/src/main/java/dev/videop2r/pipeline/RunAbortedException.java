package dev.videop2r.pipeline;

/**
 * A failure no sample can get past (the endpoint rejects the credentials): the run stops with this message
 * instead of recording every remaining sample as errored. Pipelines and runners rethrow it rather than record it.
 */
public final class RunAbortedException extends RuntimeException {

  public RunAbortedException(String message) {
    super(message);
  }
}
