package dev.videop2r.model;

import java.util.Arrays;

/**
 * Preprocessed pixels of one or more images or videos, exactly as the Qwen2.5-VL processor lays them out
 * (see the spec, section 1.5): {@code pixelValues} is row-major {@code [N, C*T*P*P]} (1176 for the published
 * models), rows of all items concatenated in prompt order, {@code gridThw[i]} the (t, h, w) grid of item i in
 * patch units. Plain Java on purpose: the video module builds these without DJL.
 *
 * @param secondPerGridTs seconds per temporal patch for each video item; empty for images (the model
 *     uses 1.0 when a video gives none)
 * @param video true for {@code <|video_pad|>} items, false for {@code <|image_pad|>} items
 */
public record VisualInputs(
    float[] pixelValues, long[] pixelShape, long[][] gridThw, float[] secondPerGridTs, boolean video) {

  public VisualInputs {
    if (pixelShape == null || pixelShape.length != 2) {
      throw new IllegalArgumentException("pixelShape must be [N, patchDim], got " + Arrays.toString(pixelShape));
    }
    if ((long) pixelValues.length != pixelShape[0] * pixelShape[1]) {
      throw new IllegalArgumentException("pixelValues has " + pixelValues.length + " values but pixelShape is "
          + Arrays.toString(pixelShape));
    }
    long rows = 0;
    for (long[] thw : gridThw) {
      if (thw.length != 3 || thw[0] < 1 || thw[1] < 1 || thw[2] < 1) {
        throw new IllegalArgumentException("gridThw entries must be positive (t, h, w), got " + Arrays.toString(thw));
      }
      rows += thw[0] * thw[1] * thw[2];
    }
    if (rows != pixelShape[0]) {
      throw new IllegalArgumentException("gridThw covers " + rows + " patch rows but pixelShape has " + pixelShape[0]);
    }
    if (secondPerGridTs == null) {
      secondPerGridTs = new float[0];
    }
    if (video && secondPerGridTs.length != 0 && secondPerGridTs.length != gridThw.length) {
      throw new IllegalArgumentException("secondPerGridTs has " + secondPerGridTs.length + " entries for "
          + gridThw.length + " videos");
    }
  }

  /** Number of visual items (images or videos) held. */
  public int items() {
    return gridThw.length;
  }

  /** Seconds per temporal patch of item {@code i}: 0 for images, 1.0 for videos that gave none (HF's default). */
  public float secondPerGridT(int i) {
    if (!video) {
      return 0f;
    }
    return secondPerGridTs.length == 0 ? 1f : secondPerGridTs[i];
  }
}
