package dev.videop2r.synth;

import java.util.Locale;

/** Screen directions of motion (y grows downwards). */
public enum Direction {
  LEFT(-1, 0, "from right to left"),
  RIGHT(1, 0, "from left to right"),
  UP(0, -1, "from bottom to top"),
  DOWN(0, 1, "from top to bottom");

  private final int dx;
  private final int dy;
  private final String fromTo;

  Direction(int dx, int dy, String fromTo) {
    this.dx = dx;
    this.dy = dy;
    this.fromTo = fromTo;
  }

  public int dx() {
    return dx;
  }

  public int dy() {
    return dy;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "from left to right" and so on. */
  public String fromTo() {
    return fromTo;
  }

  /** The dominant direction of a displacement; null when there is none. */
  public static Direction of(int dx, int dy) {
    if (dx == 0 && dy == 0) {
      return null;
    }
    if (Math.abs(dx) >= Math.abs(dy)) {
      return dx > 0 ? RIGHT : LEFT;
    }
    return dy > 0 ? DOWN : UP;
  }
}
