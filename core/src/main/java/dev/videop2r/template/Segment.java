package dev.videop2r.template;

/** The three segments of a process-aware response, in template order. */
public enum Segment {
  OBSERVATION("observation"),
  THINK("think"),
  ANSWER("answer");

  private final String tagName;

  Segment(String tagName) {
    this.tagName = tagName;
  }

  /** The tag name, e.g. {@code think}. */
  public String tagName() {
    return tagName;
  }

  public String openTag() {
    return "<" + tagName + ">";
  }

  public String closeTag() {
    return "</" + tagName + ">";
  }
}
