package dev.videop2r.video;

import java.util.ArrayList;
import java.util.List;

/**
 * Rescale, CLIP-normalise and patchify resized frames into Qwen2.5-VL's {@code pixel_values} layout: rows are
 * time-major, then 2x2 merge blocks in raster order, then the block's four patches; columns are (channel,
 * temporal-in-patch, y, x). Values match the HF slow image processor bit for bit (float64 rescale, float32
 * normalise).
 */
public final class QwenPatchifier {

  public static final int PATCH = 14;
  public static final int TEMPORAL_PATCH = 2;
  public static final int MERGE = 2;
  public static final int CHANNELS = 3;
  public static final int PATCH_DIM = CHANNELS * TEMPORAL_PATCH * PATCH * PATCH;

  private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
  /** normalised value of each (channel, byte): the formula has only 768 distinct results. */
  private static final float[][] NORMALISED = new float[CHANNELS][256];

  static {
    for (int c = 0; c < CHANNELS; c++) {
      for (int u = 0; u < 256; u++) {
        float rescaled = (float) (u * (1.0 / 255.0));
        NORMALISED[c][u] = (rescaled - MEAN[c]) / STD[c];
      }
    }
  }

  private QwenPatchifier() {}

  /** grid_thw for {@code frames} frames (padded to even) of {@code height x width} pixels. */
  public static long[] videoGrid(int frames, int height, int width) {
    int t = (frames + TEMPORAL_PATCH - 1) / TEMPORAL_PATCH;
    return new long[] {t, height / PATCH, width / PATCH};
  }

  /** One image: the frame is repeated to fill the temporal patch. */
  public static PreprocessedVisual image(RgbFrame frame) {
    return new PreprocessedVisual(patchify(List.of(frame, frame)), shape(1, frame), new long[][] {
        videoGrid(2, frame.height(), frame.width())}, new float[0], false);
  }

  /**
   * A video of resized frames; an odd count is padded with the last frame.
   *
   * @param secondPerGridT seconds per temporal patch, stored as float32 like the model input
   */
  public static PreprocessedVisual video(List<RgbFrame> frames, double secondPerGridT) {
    List<RgbFrame> padded = new ArrayList<>(frames);
    if (padded.isEmpty()) {
      throw new IllegalArgumentException("a video needs at least one frame");
    }
    if (padded.size() % TEMPORAL_PATCH != 0) {
      padded.add(padded.getLast());
    }
    RgbFrame first = padded.getFirst();
    return new PreprocessedVisual(patchify(padded), shape(padded.size() / TEMPORAL_PATCH, first),
        new long[][] {videoGrid(padded.size(), first.height(), first.width())},
        new float[] {(float) secondPerGridT}, true);
  }

  /**
   * The frames a video (or image) item was patchified from, recovered exactly from its pixel values: the inverse of
   * {@link #video}/{@link #image} ({@code 2·t} frames of {@code 14h × 14w}; an odd video's padding frame and an
   * image's copy are included). Each value maps back to its byte by rounding, exact because the normalised values
   * of neighbouring bytes lie ~0.015 apart. How a remote rollout gets the trainer's frames without decoding again.
   *
   * @param offset index of the item's first value in {@code pixelValues}
   */
  public static List<RgbFrame> frames(float[] pixelValues, int offset, long[] gridThw) {
    int gridT = Math.toIntExact(gridThw[0]);
    int gridH = Math.toIntExact(gridThw[1]);
    int gridW = Math.toIntExact(gridThw[2]);
    if (gridH % MERGE != 0 || gridW % MERGE != 0) {
      throw new IllegalArgumentException("grid " + java.util.Arrays.toString(gridThw) + " is not a multiple of 2");
    }
    int width = gridW * PATCH;
    int height = gridH * PATCH;
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < gridT * TEMPORAL_PATCH; f++) {
      frames.add(new RgbFrame(width, height, new byte[width * height * CHANNELS]));
    }
    forEachPatch(gridT, gridH, gridW, (row, ti, patchRow, patchCol) ->
        readPatch(pixelValues, offset + row * PATCH_DIM, frames, ti, patchRow, patchCol));
    return frames;
  }

  private static void readPatch(float[] in, int base, List<RgbFrame> frames, int ti, int patchRow, int patchCol) {
    int k = base;
    for (int c = 0; c < CHANNELS; c++) {
      for (int tt = 0; tt < TEMPORAL_PATCH; tt++) {
        RgbFrame f = frames.get(TEMPORAL_PATCH * ti + tt);
        byte[] rgb = f.rgb();
        int width = f.width();
        for (int py = 0; py < PATCH; py++) {
          int offset = ((PATCH * patchRow + py) * width + PATCH * patchCol) * CHANNELS + c;
          for (int px = 0; px < PATCH; px++) {
            long u = Math.round(((double) in[k++] * STD[c] + MEAN[c]) * 255.0);
            rgb[offset + px * CHANNELS] = (byte) Math.clamp(u, 0, 255);
          }
        }
      }
    }
  }

  private static long[] shape(int gridT, RgbFrame frame) {
    return new long[] {(long) gridT * (frame.height() / PATCH) * (frame.width() / PATCH), PATCH_DIM};
  }

  private static float[] patchify(List<RgbFrame> frames) {
    RgbFrame first = frames.getFirst();
    int width = first.width();
    int height = first.height();
    if (width % (PATCH * MERGE) != 0 || height % (PATCH * MERGE) != 0) {
      throw new IllegalArgumentException("frame " + width + "x" + height + " is not a multiple of 28");
    }
    for (RgbFrame f : frames) {
      if (f.width() != width || f.height() != height) {
        throw new IllegalArgumentException("frames differ in size: " + f.width() + "x" + f.height() + " vs "
            + width + "x" + height);
      }
    }
    int gridT = frames.size() / TEMPORAL_PATCH;
    int gridH = height / PATCH;
    int gridW = width / PATCH;
    float[] out = new float[gridT * gridH * gridW * PATCH_DIM];
    forEachPatch(gridT, gridH, gridW, (row, ti, patchRow, patchCol) ->
        writePatch(frames, ti, patchRow, patchCol, out, row * PATCH_DIM));
    return out;
  }

  /** Visits one patch: its output row, temporal index and (row, column) in the patch grid. */
  private interface PatchVisitor {
    void visit(int row, int ti, int patchRow, int patchCol);
  }

  /** The Qwen row order: time, then 2x2 merge blocks in raster order, then the patches inside a block. */
  private static void forEachPatch(int gridT, int gridH, int gridW, PatchVisitor visitor) {
    int row = 0;
    for (int ti = 0; ti < gridT; ti++) {
      for (int bh = 0; bh < gridH / MERGE; bh++) {
        for (int bw = 0; bw < gridW / MERGE; bw++) {
          for (int ih = 0; ih < MERGE; ih++) {
            for (int iw = 0; iw < MERGE; iw++) {
              visitor.visit(row++, ti, MERGE * bh + ih, MERGE * bw + iw);
            }
          }
        }
      }
    }
  }

  private static void writePatch(List<RgbFrame> frames, int ti, int patchRow, int patchCol, float[] out, int base) {
    int k = base;
    for (int c = 0; c < CHANNELS; c++) {
      float[] lut = NORMALISED[c];
      for (int tt = 0; tt < TEMPORAL_PATCH; tt++) {
        RgbFrame f = frames.get(TEMPORAL_PATCH * ti + tt);
        byte[] rgb = f.rgb();
        int width = f.width();
        for (int py = 0; py < PATCH; py++) {
          int offset = ((PATCH * patchRow + py) * width + PATCH * patchCol) * CHANNELS + c;
          for (int px = 0; px < PATCH; px++) {
            out[k++] = lut[rgb[offset + px * CHANNELS] & 0xFF];
          }
        }
      }
    }
  }
}
