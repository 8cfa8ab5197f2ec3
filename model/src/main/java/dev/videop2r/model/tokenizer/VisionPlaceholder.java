package dev.videop2r.model.tokenizer;

/**
 * One image or video in a user turn, by its patch grid (t, h, w) as the Qwen preprocessor reports it. The chat
 * template expands its single pad token to {@code t*h*w / merge^2} copies, one per vision feature.
 */
public record VisionPlaceholder(Kind kind, long gridT, long gridH, long gridW) {

  public enum Kind { IMAGE, VIDEO }

  public VisionPlaceholder {
    if (kind == null) {
      throw new IllegalArgumentException("vision placeholder needs a kind (IMAGE or VIDEO)");
    }
    if (gridT < 1 || gridH < 1 || gridW < 1) {
      throw new IllegalArgumentException("vision grid must be positive, got (" + gridT + ", " + gridH + ", " + gridW + ")");
    }
  }

  public static VisionPlaceholder video(long gridT, long gridH, long gridW) {
    return new VisionPlaceholder(Kind.VIDEO, gridT, gridH, gridW);
  }

  public static VisionPlaceholder image(long gridT, long gridH, long gridW) {
    return new VisionPlaceholder(Kind.IMAGE, gridT, gridH, gridW);
  }

  /** Number of pad tokens: one per merged vision feature. */
  public int tokenCount(int spatialMergeSize) {
    if (gridH % spatialMergeSize != 0 || gridW % spatialMergeSize != 0) {
      throw new IllegalArgumentException("vision grid (" + gridT + ", " + gridH + ", " + gridW
          + ") is not divisible by the spatial merge size " + spatialMergeSize);
    }
    return Math.toIntExact(gridT * gridH * gridW / ((long) spatialMergeSize * spatialMergeSize));
  }
}
