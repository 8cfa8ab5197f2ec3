package dev.videop2r.data;

/** A dataset that cannot be read or written; the message names the file and record. */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
