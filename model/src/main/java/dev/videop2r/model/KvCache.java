package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Per-layer keys (after M-RoPE) and values of the text decoder, stored GQA-compact as
 * {@code [B, kvHeads, T, headDim]} (before repeat_kv), plus the M-RoPE deltas of each row computed at prefill.
 * The cache owns its arrays (a child manager of the model's); close it when the generation is done.
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private long[] ropeDeltas;
  private long length;

  public KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Slots held per row (left pads included). */
  public long length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  /** Batch rows held; 0 when empty. */
  public long batchSize() {
    return keys[0] == null ? 0 : keys[0].getShape().get(0);
  }

  /** M-RoPE delta of each row (decode position = cache length + delta); null before prefill. */
  public long[] ropeDeltas() {
    return ropeDeltas == null ? null : ropeDeltas.clone();
  }

  public void setRopeDeltas(long[] deltas) {
    this.ropeDeltas = deltas.clone();
  }

  public NDArray keys(int layer) {
    return keys[layer];
  }

  public NDArray values(int layer) {
    return values[layer];
  }

  /** Appends new keys/values {@code [B, kvHeads, n, headDim]} of one layer; every layer must append the same n. */
  public void append(int layer, NDArray newKeys, NDArray newValues) {
    keys[layer] = concatOwned(keys[layer], newKeys);
    values[layer] = concatOwned(values[layer], newValues);
    if (layer == keys.length - 1) {
      length = keys[layer].getShape().get(2);
    }
  }

  private NDArray concatOwned(NDArray old, NDArray fresh) {
    NDArray joined = old == null ? fresh.duplicate() : old.concat(fresh, 2);
    joined.attach(manager);
    if (old != null) {
      old.close();
    }
    return joined;
  }

  /**
   * Repeats every batch row {@code g} times in place (row b becomes rows b*g .. b*g+g-1), so G rollouts of one
   * prompt share a single prefill. Rope deltas are repeated the same way.
   */
  public void expand(int g) {
    if (g < 1) {
      throw new IllegalArgumentException("expand factor must be >= 1, got " + g);
    }
    if (g == 1 || isEmpty()) {
      return;
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i] = repeatOwned(keys[i], g);
      values[i] = repeatOwned(values[i], g);
    }
    long[] expanded = new long[ropeDeltas.length * g];
    for (int b = 0; b < ropeDeltas.length; b++) {
      Arrays.fill(expanded, b * g, b * g + g, ropeDeltas[b]);
    }
    ropeDeltas = expanded;
  }

  private NDArray repeatOwned(NDArray old, int g) {
    NDArray repeated = old.repeat(0, g);
    repeated.attach(manager);
    old.close();
    return repeated;
  }

  @Override
  public void close() {
    manager.close();
  }
}
