package dev.videop2r.evaluation;

/**
 * What the model sees besides the question (paper Table 5, perception effectiveness): the video, and/or
 * an observation another model wrote about the video.
 */
public enum InputCondition {
  VIDEO("video", true, false),
  TEXT("text", false, false),
  TEXT_OBSERVATION("text+obs", false, true),
  VIDEO_OBSERVATION("video+obs", true, true);

  private final String cliName;
  private final boolean video;
  private final boolean observation;

  InputCondition(String cliName, boolean video, boolean observation) {
    this.cliName = cliName;
    this.video = video;
    this.observation = observation;
  }

  public String cliName() {
    return cliName;
  }

  public boolean usesVideo() {
    return video;
  }

  public boolean usesObservation() {
    return observation;
  }

  /** The spelling users type and run files store ({@code text+obs}). */
  @Override
  public String toString() {
    return cliName;
  }
}
