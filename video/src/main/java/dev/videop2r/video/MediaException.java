package dev.videop2r.video;

import java.nio.file.Path;

/** A media file could not be turned into frames; the message names the file and the reason. */
public final class MediaException extends RuntimeException {

  /** Why a media file was rejected. */
  public enum Reason {
    MISSING("file does not exist"),
    UNREADABLE("cannot be decoded (unreadable or corrupt)"),
    NO_FRAMES("contains no video frames"),
    ASPECT_RATIO("aspect ratio is over 200"),
    TOO_LARGE("picture is larger than the decoder accepts"),
    BAD_REQUEST("frame request cannot be satisfied"),
    TIMEOUT("decoding stalled and timed out"),
    WRITE_FAILED("cannot be written");

    private final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  private final transient Path file;
  private final Reason reason;

  public MediaException(Path file, Reason reason, String detail) {
    this(file, reason, detail, null);
  }

  public MediaException(Path file, Reason reason, String detail, Throwable cause) {
    super(file + ": " + reason.text + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
    this.file = file;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public Reason reason() {
    return reason;
  }
}
