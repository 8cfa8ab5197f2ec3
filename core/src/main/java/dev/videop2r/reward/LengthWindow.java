package dev.videop2r.reward;

/** An inclusive token-length range {@code [min, max]} for a length reward. */
public record LengthWindow(int min, int max) {

  public LengthWindow {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("need 0 <= min <= max, got [" + min + ", " + max + "]");
    }
  }

  public boolean contains(int length) {
    return length >= min && length <= max;
  }
}
