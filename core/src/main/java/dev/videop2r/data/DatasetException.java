package dev.videop2r.data;

import dev.videop2r.spec.FieldMessage;
import dev.videop2r.spec.FieldMessageException;

/** A dataset that cannot be read or written; the message names the file and record (and may mention settings). */
public class DatasetException extends FieldMessageException {
  public DatasetException(String message) {
    this(message, null);
  }

  public DatasetException(String message, Throwable cause) {
    super(name -> message, cause);
  }

  /** A message that mentions a setting, for example the one that would skip the bad records. */
  public DatasetException(FieldMessage text) {
    super(text, null);
  }
}
