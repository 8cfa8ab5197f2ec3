package dev.videop2r.video;

/**
 * The module constants of qwen-vl-utils' {@code vision_process.py}. Video-R1 ships its own values (training);
 * its README edits them for evaluation. Pixel counts are doubles because the reference mixes ints and floats.
 *
 * @param imageFactor side lengths are multiples of this (14-px patch x 2x2 merge)
 * @param minPixels image lower pixel bound
 * @param maxPixels image upper pixel bound
 * @param videoMinPixels per-frame lower bound for video
 * @param videoMaxPixels per-frame upper bound for video (before the 1.05 rule)
 * @param videoTotalPixels pixel budget over all sampled frames
 * @param frameFactor frame counts are multiples of this (temporal patch)
 * @param fps default sampling rate
 * @param minFrames default lower frame bound
 * @param maxFrames default upper frame bound
 * @param maxRatio largest accepted aspect ratio
 */
public record VisionConfig(int imageFactor, double minPixels, double maxPixels, double videoMinPixels,
                           double videoMaxPixels, double videoTotalPixels, int frameFactor, double fps,
                           int minFrames, int maxFrames, double maxRatio) {

  private static final int PX = 28 * 28;

  /** Video-R1's shipped (training) constants: 16 frames at most, 128*28*28 pixels per frame. */
  public static VisionConfig videoR1Training() {
    return new VisionConfig(28, 4 * PX, 256 * PX, 128 * PX, 128 * PX, (int) (128000 * PX * 0.9), 2, 2.0, 4, 16, 200);
  }
}
