package dev.videop2r.template;

/** A half-open character range {@code [start, end)} of a response string (UTF-16 indices, as Java strings). */
public record CharSpan(int start, int end) {

  public CharSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad char span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean isEmpty() {
    return start == end;
  }

  /** Whether this span shares at least one character with {@code [otherStart, otherEnd)}. */
  public boolean overlaps(int otherStart, int otherEnd) {
    return otherStart < end && start < otherEnd;
  }

  public boolean contains(CharSpan other) {
    return start <= other.start && other.end <= end;
  }

  public String of(String text) {
    return text.substring(start, end);
  }
}
