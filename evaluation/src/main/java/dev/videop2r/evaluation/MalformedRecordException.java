package dev.videop2r.evaluation;

/** Thrown by record converters; the loader turns it into a {@link LoadEvent.Malformed} for that record only. */
public final class MalformedRecordException extends RuntimeException {
  public MalformedRecordException(String message) {
    super(message);
  }
}
