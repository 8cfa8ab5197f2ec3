package dev.videop2r.evaluation;

/**
 * A per-record problem: a malformed annotation, a missing video, a failed model call.
 *
 * @param location where: {@code file.json record #12 (problem_id 13)}, or a problem id
 * @param message what went wrong, in words a user can act on
 */
public record RecordError(String location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
