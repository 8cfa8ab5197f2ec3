package dev.videop2r.cli;

import dev.videop2r.data.FrameRequest;
import picocli.CommandLine.Option;

/**
 * How many frames of a video a command samples and how large each may be: the same two flags on every command
 * that reads video. Training-side commands default to the paper's training setting ({@link FrameRequest#training}),
 * answering commands to its inference setting ({@link FrameRequest#inference}, Video-R1's eval).
 */
public final class FrameOptions {

  @Option(names = "--frames", paramLabel = "N",
      description = "Most frames sampled per video, at least 2 (default: ${DEFAULT-VALUE}).")
  private int frames;

  @Option(names = "--max-pixels", paramLabel = "PIXELS",
      description = "Pixel budget per frame, at least 784 = 28·28 (default: ${DEFAULT-VALUE}; 100352 = 128·28·28,"
          + " 200704 = 256·28·28).")
  private int maxPixels;

  private FrameOptions(FrameRequest defaults) {
    this.frames = defaults.maxFrames();
    this.maxPixels = defaults.maxPixels();
  }

  /** Defaults of the paper's training setting: 16 frames of at most 128·28·28 pixels. */
  public static FrameOptions training() {
    return new FrameOptions(FrameRequest.training());
  }

  /** Defaults of the paper's inference setting: 32 frames of at most 256·28·28 pixels. */
  public static FrameOptions inference() {
    return new FrameOptions(FrameRequest.inference());
  }

  /** The most frames, checked (Qwen2.5-VL merges frames in pairs, so a video needs two). */
  public int frames() {
    if (frames < 2) {
      throw new IllegalArgumentException("--frames must be >= 2, got " + frames);
    }
    return frames;
  }

  /** The per-frame pixel budget, checked. */
  public int maxPixels() {
    if (maxPixels < 28 * 28) {
      throw new IllegalArgumentException("--max-pixels must be >= 784 (one 28x28 patch), got " + maxPixels);
    }
    return maxPixels;
  }

  /**
   * The sampling at Qwen's 2 fps with {@code minPixels} as lower budget, lowered to the upper one when larger
   * (as Video-R1's eval does).
   */
  public FrameRequest request(int minPixels) {
    return new FrameRequest(frames(), 2.0, Math.min(minPixels, maxPixels()), maxPixels());
  }
}
