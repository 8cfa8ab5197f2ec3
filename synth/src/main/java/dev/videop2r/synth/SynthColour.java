package dev.videop2r.synth;

/** The world's colours: a closed set of words with fixed RGB values. */
public enum SynthColour {
  RED(220, 40, 40),
  GREEN(40, 180, 60),
  BLUE(50, 100, 240),
  YELLOW(235, 215, 40),
  PURPLE(160, 60, 210),
  ORANGE(245, 140, 30);

  private final int rgb;

  SynthColour(int r, int g, int b) {
    this.rgb = (r << 16) | (g << 8) | b;
  }

  public int rgb() {
    return rgb;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
