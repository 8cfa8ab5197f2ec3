package dev.videop2r.io;

/**
 * A JSON Lines file that cannot be read as records: a line over the cap, not UTF-8, not JSON, or damaged gzip
 * data. The message starts with {@code FILE:LINE} (or {@code FILE:} when no line can be named).
 */
public final class JsonLinesException extends IllegalArgumentException {
  public JsonLinesException(String message) {
    super(message);
  }

  public JsonLinesException(String message, Throwable cause) {
    super(message, cause);
  }
}
