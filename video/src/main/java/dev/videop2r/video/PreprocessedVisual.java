package dev.videop2r.video;

/**
 * The model-ready tensors of one image or video, as plain arrays: the same data as the model module's
 * {@code VisualInputs} (contract 4), field for field.
 *
 * @param pixelValues row-major {@code [N, 1176]}, CLIP-normalised, in Qwen2.5-VL patch order
 * @param pixelShape {@code {N, 1176}}
 * @param gridThw one row {@code {t, h, w}} in patch units
 * @param secondPerGridTs seconds covered by one temporal patch (videos); empty for images
 */
public record PreprocessedVisual(float[] pixelValues, long[] pixelShape, long[][] gridThw, float[] secondPerGridTs,
                                 boolean video) {}
