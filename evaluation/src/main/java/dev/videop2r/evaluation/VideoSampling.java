package dev.videop2r.evaluation;

import dev.videop2r.spec.InvalidFieldException;

/**
 * Frame sampling for evaluation: at most {@code frames} frames (Video-R1's FPS_MAX_FRAMES; the paper's
 * eval uses 32) of at most {@code maxPixels} pixels each (Video-R1's eval VIDEO_MAX_PIXELS is
 * 256·28·28 = 200,704).
 */
public record VideoSampling(int frames, int maxPixels) {
  public VideoSampling {
    InvalidFieldException.check(frames >= 1, "frames", "must be at least 1, got " + frames);
    InvalidFieldException.check(maxPixels >= 28 * 28, "maxPixels",
        "must be at least 784 (one 28x28 patch), got " + maxPixels);
  }
}
