package dev.videop2r.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import java.util.List;

/**
 * Sequences of different lengths left-padded into one {@code [B, L]} batch (the model seam's layout), with the
 * attention mask, sized to the longest sequence of this batch only.
 *
 * @param padLeft pads added in front of each row
 */
public record TokenBatch(long[] ids, long[] mask, int rows, int length, int[] padLeft) {

  public static TokenBatch leftPadded(List<long[]> sequences, long padId) {
    int length = 0;
    for (long[] s : sequences) {
      length = Math.max(length, s.length);
    }
    int rows = sequences.size();
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    int[] pads = new int[rows];
    for (int b = 0; b < rows; b++) {
      long[] s = sequences.get(b);
      pads[b] = length - s.length;
      for (int t = 0; t < length; t++) {
        boolean real = t >= pads[b];
        ids[b * length + t] = real ? s[t - pads[b]] : padId;
        mask[b * length + t] = real ? 1 : 0;
      }
    }
    return new TokenBatch(ids, mask, rows, length, pads);
  }

  public NDArray idsArray(NDManager m) {
    return HostArrays.owned(m, ids, new Shape(rows, length));
  }

  public NDArray maskArray(NDManager m) {
    return HostArrays.owned(m, mask, new Shape(rows, length));
  }

  /** Fraction of the batch's slots that are padding. */
  public double paddingFraction() {
    long pads = 0;
    for (int p : padLeft) {
      pads += p;
    }
    return rows * (long) length == 0 ? 0 : pads / (double) (rows * (long) length);
  }
}
