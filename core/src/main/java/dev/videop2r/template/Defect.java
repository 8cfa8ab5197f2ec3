package dev.videop2r.template;

import java.util.Objects;

/**
 * One way a response breaks its template.
 *
 * @param kind what is wrong
 * @param segment the segment concerned; null for text outside segments
 * @param span where in the response; null for a missing segment
 */
public record Defect(Kind kind, Segment segment, CharSpan span) {

  /** The named defects. */
  public enum Kind {
    /** An expected segment does not occur at top level. */
    MISSING("missing"),
    /** A segment occurs more than once at top level (the span is the second occurrence). */
    DUPLICATED("duplicated"),
    /** A segment's tag occurs inside another segment (the span is the inner element or stray tag). */
    NESTED("nested"),
    /** Segments occur in the wrong order (the span is the first segment found too early). */
    OUT_OF_ORDER("out of order"),
    /** An opening tag has no closing tag. */
    UNCLOSED("unclosed"),
    /** Non-whitespace text, a stray closing tag or an unexpected segment outside the expected segments. */
    TEXT_OUTSIDE("text outside segments");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Defect {
    Objects.requireNonNull(kind, "kind");
  }

  /** A short message like {@code "unclosed think at 40..77"}. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind.label());
    if (segment != null) {
      s.append(' ').append(segment.tagName());
    }
    if (span != null) {
      s.append(" at ").append(span.start()).append("..").append(span.end());
    }
    return s.toString();
  }
}
