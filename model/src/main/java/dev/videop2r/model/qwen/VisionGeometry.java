package dev.videop2r.model.qwen;

import dev.videop2r.model.QwenConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Index bookkeeping of one vision-tower call (spec 2.3-2.4), plain Java: patch coordinates for the 2D rotary,
 * the window permutation of merged tokens ({@code window_index}), and the attention segment boundaries
 * ({@code cu_window_seqlens} for windowed blocks, {@code cu_seqlens} = one segment per frame for full blocks).
 *
 * @param patchY row coordinate of each patch row, in pixel_values order
 * @param patchX column coordinate of each patch row, in pixel_values order
 * @param windowIndex merged-token permutation into window order (offsets continue across items)
 * @param cuWindowSeqlensRaw window boundaries in patch rows, with the repeats empty windows produce
 * @param cuWindowSeqlens the same with consecutive duplicates removed (what the windowed blocks use)
 * @param cuSeqlens per-frame boundaries in patch rows
 */
public record VisionGeometry(
    int[] patchY, int[] patchX, int[] windowIndex, long[] cuWindowSeqlensRaw, long[] cuWindowSeqlens,
    long[] cuSeqlens) {

  public static VisionGeometry of(List<long[]> gridThw, QwenConfig.Vision vision) {
    int merge = vision.spatialMergeSize();
    int unit = merge * merge;
    int window = vision.mergerWindowSize();
    int rows = 0;
    for (long[] thw : gridThw) {
      if (thw[1] % merge != 0 || thw[2] % merge != 0) {
        throw new IllegalArgumentException("grid (" + thw[0] + ", " + thw[1] + ", " + thw[2]
            + ") is not divisible by spatial_merge_size " + merge);
      }
      rows = Math.addExact(rows, Math.toIntExact(thw[0] * thw[1] * thw[2]));
    }
    int[] ys = new int[rows];
    int[] xs = new int[rows];
    int[] windowIndex = new int[rows / unit];
    List<Long> cuWindow = new ArrayList<>(List.of(0L));
    long[] cuSeqlens = new long[1 + gridThw.stream().mapToInt(thw -> (int) thw[0]).sum()];
    int row = 0;
    int merged = 0;
    int frame = 0;
    int indexOffset = 0;
    for (long[] thw : gridThw) {
      int t = (int) thw[0];
      int h = (int) thw[1];
      int w = (int) thw[2];
      int mh = h / merge;
      int mw = w / merge;
      for (int ti = 0; ti < t; ti++) {
        // Patch coordinates in merge-block order: block raster, then the merge x merge patches of the block.
        for (int bh = 0; bh < mh; bh++) {
          for (int bw = 0; bw < mw; bw++) {
            for (int ih = 0; ih < merge; ih++) {
              for (int iw = 0; iw < merge; iw++) {
                ys[row] = bh * merge + ih;
                xs[row] = bw * merge + iw;
                row++;
              }
            }
          }
        }
        frame++;
        cuSeqlens[frame] = cuSeqlens[frame - 1] + (long) h * w;
        // HF pads by a whole window even when the side is divisible; the empty windows only add repeats.
        int windowsH = (mh + window - (mh % window)) / window;
        int windowsW = (mw + window - (mw % window)) / window;
        for (int a = 0; a < windowsH; a++) {
          for (int b = 0; b < windowsW; b++) {
            int count = 0;
            for (int r = a * window; r < Math.min((a + 1) * window, mh); r++) {
              for (int c = b * window; c < Math.min((b + 1) * window, mw); c++) {
                windowIndex[merged++] = indexOffset + ti * mh * mw + r * mw + c;
                count++;
              }
            }
            cuWindow.add(cuWindow.get(cuWindow.size() - 1) + (long) count * unit);
          }
        }
      }
      indexOffset += t * mh * mw;
    }
    long[] raw = cuWindow.stream().mapToLong(Long::longValue).toArray();
    return new VisionGeometry(ys, xs, windowIndex, raw, uniqueConsecutive(raw), cuSeqlens);
  }

  static long[] uniqueConsecutive(long[] values) {
    long[] out = new long[values.length];
    int n = 0;
    for (long v : values) {
      if (n == 0 || out[n - 1] != v) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  public int patchRows() {
    return patchY.length;
  }

  /**
   * Rotary angles per patch row, {@code [rows, headDim/2]} row-major: {@code [y*inv_freq, x*inv_freq]} with
   * inv_freq = 10000^(-2k/(headDim/2)), computed in float32 like HF.
   */
  public float[] rotaryAngles(int headDim) {
    int dim = headDim / 2;
    int half = dim / 2;
    float[] invFreq = new float[half];
    for (int k = 0; k < half; k++) {
      invFreq[k] = 1.0f / (float) Math.pow(10000.0, (float) (2 * k) / (float) dim);
    }
    float[] out = new float[patchRows() * dim];
    for (int r = 0; r < patchRows(); r++) {
      for (int k = 0; k < half; k++) {
        out[r * dim + k] = (float) patchY[r] * invFreq[k];
        out[r * dim + half + k] = (float) patchX[r] * invFreq[k];
      }
    }
    return out;
  }

  /** argsort(window_index): the permutation that brings window-ordered merged tokens back to raster order. */
  public int[] reverseWindowIndex() {
    int[] reverse = new int[windowIndex.length];
    for (int i = 0; i < windowIndex.length; i++) {
      reverse[windowIndex[i]] = i;
    }
    return reverse;
  }
}
