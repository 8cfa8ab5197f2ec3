package dev.videop2r.bench.model;

import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.io.SafetensorsWriter;
import dev.videop2r.model.io.SafetensorsWriter.Entry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training batch both sides of the train-step comparison run, written once to a safetensors file
 * ({@code input_ids}, {@code labels} [B, L] I64, {@code pixel_values_videos} [B*128, patchDim] F32) so that Java and
 * PyTorch compute the same loss. Each row: random text ids with one 4-frame 112x112 video (grid (2, 8, 8), 32
 * video tokens) after 8 text tokens; labels are the ids shifted left by one (wrapping).
 */
record BenchBatch(int batch, int length, long[] ids, long[] labels, VisualInputs video) {

  static final long[] GRID = {2, 8, 8};
  private static final int TEXT_BEFORE_VIDEO = 8;

  static BenchBatch create(QwenConfig cfg, int batch, int length, long seed) {
    Random random = new Random(seed);
    int patchDim = cfg.vision().patchDim();
    int rows = (int) (GRID[0] * GRID[1] * GRID[2]);
    int videoTokens = rows / 4;
    if (length < TEXT_BEFORE_VIDEO + videoTokens + 2) {
      throw new IllegalArgumentException("length " + length + " cannot hold the video (" + videoTokens + " tokens)");
    }
    long[] ids = new long[batch * length];
    for (int b = 0; b < batch; b++) {
      int o = b * length;
      for (int i = 0; i < length; i++) {
        ids[o + i] = random.nextInt(cfg.bosTokenId());
      }
      ids[o + TEXT_BEFORE_VIDEO] = cfg.visionStartTokenId();
      for (int i = 0; i < videoTokens; i++) {
        ids[o + TEXT_BEFORE_VIDEO + 1 + i] = cfg.videoTokenId();
      }
      ids[o + TEXT_BEFORE_VIDEO + 1 + videoTokens] = cfg.visionEndTokenId();
    }
    float[] pixels = new float[batch * rows * patchDim];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    return new BenchBatch(batch, length, ids, shiftedLabels(ids, batch, length), video(pixels, batch, patchDim));
  }

  void write(Path file) {
    long patchDim = video.pixelShape()[1];
    SafetensorsWriter.write(file, List.of(
        Entry.ofLongs("input_ids", new long[] {batch, length}, ids),
        Entry.ofLongs("labels", new long[] {batch, length}, labels),
        Entry.ofFloats("pixel_values_videos", new long[] {video.pixelShape()[0], patchDim}, video.pixelValues())),
        Map.of("format", "pt"));
  }

  static BenchBatch read(Path file) {
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      long[] shape = f.info("input_ids").shape();
      int batch = (int) shape[0];
      int length = (int) shape[1];
      long patchDim = f.info("pixel_values_videos").shape()[1];
      return new BenchBatch(batch, length, f.longs("input_ids"), f.longs("labels"),
          video(f.floats("pixel_values_videos"), batch, (int) patchDim));
    }
  }

  private static long[] shiftedLabels(long[] ids, int batch, int length) {
    long[] labels = new long[ids.length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < length; i++) {
        labels[b * length + i] = ids[b * length + (i + 1) % length];
      }
    }
    return labels;
  }

  private static VisualInputs video(float[] pixels, int batch, int patchDim) {
    long[][] grids = new long[batch][];
    float[] seconds = new float[batch];
    for (int b = 0; b < batch; b++) {
      grids[b] = GRID;
      seconds[b] = 1f;
    }
    return new VisualInputs(pixels, new long[] {pixels.length / patchDim, patchDim}, grids, seconds, true);
  }
}
