package dev.videop2r.synth;

/**
 * Difficulty and format knobs of the synthetic world.
 *
 * @param width frame width in pixels (even, for H.264)
 * @param height frame height in pixels (even); the bottom 20 rows hold the text strip
 * @param frames frames per clip
 * @param fps playback rate; at the default 2.0 the Qwen sampler (2 fps) keeps every frame up to 16
 * @param objects shapes an event-order question chooses between (2..4)
 * @param distractors extra shapes no question is about (0..4)
 * @param speed typical motion in pixels per frame
 * @param noise per-pixel noise standard deviation (0 = clean)
 */
public record SynthKnobs(int width, int height, int frames, double fps, int objects, int distractors, double speed,
                         double noise) {

  public static final int TEXT_STRIP = 20;

  public SynthKnobs {
    require(width >= 64 && width % 2 == 0, "width must be even and >= 64, got " + width);
    require(height >= 64 && height % 2 == 0, "height must be even and >= 64, got " + height);
    require(frames >= 8 && frames <= 256, "frames must be in 8..256, got " + frames);
    require(fps > 0, "fps must be positive, got " + fps);
    require(objects >= 2 && objects <= 4, "objects must be in 2..4, got " + objects);
    require(distractors >= 0 && distractors <= 4, "distractors must be in 0..4, got " + distractors);
    require(speed > 0, "speed must be positive, got " + speed);
    require(noise >= 0 && noise <= 64, "noise must be in 0..64, got " + noise);
  }

  /** 16 frames of 112x112 at 2 fps, 3 choices, 1 distractor, about 3 px per frame, light noise. */
  public static SynthKnobs defaults() {
    return new SynthKnobs(112, 112, 16, 2.0, 3, 1, 3.0, 4.0);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("synth knobs: " + message);
    }
  }
}
