package dev.videop2r.data;

/**
 * How to sample a media file for a vision-language model (qwen-vl-utils semantics, video-r1.md §3).
 *
 * @param maxFrames upper bound on sampled video frames (FPS_MAX_FRAMES; training 16, evaluation 32)
 * @param fps target sampling rate before the frame bounds apply (Qwen default 2.0)
 * @param minPixels per-frame lower pixel budget for smart_resize
 * @param maxPixels per-frame upper pixel budget for smart_resize (training 128·28·28, evaluation 256·28·28)
 */
public record FrameRequest(int maxFrames, double fps, int minPixels, int maxPixels) {

  public FrameRequest {
    if (maxFrames < 1) {
      throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
    }
    if (!(fps > 0)) {
      throw new IllegalArgumentException("fps must be > 0, got " + fps);
    }
    if (minPixels < 1 || maxPixels < minPixels) {
      throw new IllegalArgumentException("need 1 <= minPixels <= maxPixels, got " + minPixels + ", " + maxPixels);
    }
  }

  /** The paper's training setting: 16 frames at 128·28·28 pixels per frame. */
  public static FrameRequest training() {
    return new FrameRequest(16, 2.0, 128 * 28 * 28, 128 * 28 * 28);
  }

  /** The paper's inference setting: 32 frames at 256·28·28 pixels per frame. */
  public static FrameRequest inference() {
    return new FrameRequest(32, 2.0, 128 * 28 * 28, 256 * 28 * 28);
  }
}
