package dev.videop2r.pipeline;

import dev.videop2r.spec.FieldMessage;
import dev.videop2r.spec.FieldMessageException;

/**
 * A failure no sample can get past (the endpoint rejects the credentials): the run stops with this message
 * instead of recording every remaining sample as errored. Pipelines and runners rethrow it rather than record it.
 * The message may mention settings (how to continue the run).
 */
public final class RunAbortedException extends FieldMessageException {

  public RunAbortedException(String message) {
    this(name -> message);
  }

  public RunAbortedException(FieldMessage text) {
    super(text, null);
  }
}
