package dev.videop2r.video;

/**
 * Per-item overrides, the "ele" dictionary of qwen-vl-utils. A null field means "not given" (the module default
 * applies); the reference distinguishes absent keys from values, so this does too.
 */
public record SampleRequest(Double fps, Integer nframes, Integer minFrames, Integer maxFrames, Double minPixels,
                            Double maxPixels, Double totalPixels, Integer resizedHeight, Integer resizedWidth) {

  public static SampleRequest defaults() {
    return new SampleRequest(null, null, null, null, null, null, null, null, null);
  }

  /** A fixed frame count (rounded to an even number by the sampler). */
  public static SampleRequest frames(int n) {
    return defaults().withNframes(n);
  }

  public SampleRequest withNframes(Integer n) {
    return new SampleRequest(fps, n, minFrames, maxFrames, minPixels, maxPixels, totalPixels, resizedHeight,
        resizedWidth);
  }
}
