package dev.videop2r.video;

/**
 * What qwen-vl-utils' {@code fetch_video} decides for one video before any pixel is touched.
 *
 * @param indices frame indices to decode, in playback order (may repeat for very short clips)
 * @param sampleFps frames per second of the sampled sequence ({@code nframes / total * fps})
 * @param effectiveMaxPixels the per-frame pixel cap after the 1.05 rule and any request override
 */
public record VideoPlan(int nframes, int[] indices, double sampleFps, int resizedHeight, int resizedWidth,
                        double effectiveMaxPixels) {}
