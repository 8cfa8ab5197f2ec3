package dev.videop2r.template;

/** A half-open token index range {@code [start, end)} into a completion's tokens. */
public record TokenSpan(int start, int end) {

  public TokenSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad token span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean isEmpty() {
    return start == end;
  }
}
