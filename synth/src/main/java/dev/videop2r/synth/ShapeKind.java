package dev.videop2r.synth;

import java.util.Locale;

/** The world's shapes. */
public enum ShapeKind {
  CIRCLE,
  SQUARE,
  TRIANGLE,
  DIAMOND;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
