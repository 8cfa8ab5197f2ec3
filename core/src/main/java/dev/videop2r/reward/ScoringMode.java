package dev.videop2r.reward;

/**
 * Which semantics the accuracy and format rewards follow. Every difference is listed in docs/core.md.
 */
public enum ScoringMode {
  /** Video-R1's reward code exactly, quirks included (video-r1.md §6.4). */
  VIDEO_R1("video-r1"),
  /** The same metrics with each Video-R1 quirk fixed. */
  CORRECTED("corrected");

  private final String wireName;

  ScoringMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
