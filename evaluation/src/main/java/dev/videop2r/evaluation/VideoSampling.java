package dev.videop2r.evaluation;

/**
 * Frame sampling for evaluation: at most {@code frames} frames (Video-R1's FPS_MAX_FRAMES; the paper's
 * eval uses 32) of at most {@code maxPixels} pixels each (Video-R1's eval VIDEO_MAX_PIXELS is
 * 256·28·28 = 200,704).
 */
public record VideoSampling(int frames, int maxPixels) {
  public VideoSampling {
    if (frames < 1) {
      throw new IllegalArgumentException("--frames must be at least 1, got " + frames);
    }
    if (maxPixels < 28 * 28) {
      throw new IllegalArgumentException("--max-pixels must be at least 784 (one 28x28 patch), got " + maxPixels);
    }
  }
}
