package dev.videop2r.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.VisualInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny model behind the seam, for generator tests: the hidden state of slot i is its embedding plus half the
 * mean embedding of every unmasked slot up to i, logits are a projection of it. Wrong masks, wrong padding or a
 * wrong cache change its outputs, which is what the tests need; it has no vision tower (visual inputs are only
 * counted).
 */
final class ToyModel implements VisionLanguageModel {

  static final int VOCAB = 24;
  private static final int DIM = 8;

  private final NDManager manager;
  private final NDArray embedding;
  private final NDArray projectionT;
  int prefillCalls;
  long prefillRows;
  int forwardCalls;
  int visualsSeen;

  ToyModel(NDManager parent, long seed) {
    manager = parent.newSubManager();
    Random random = new Random(seed);
    float[] e = new float[VOCAB * DIM];
    float[] w = new float[VOCAB * DIM];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) random.nextGaussian();
      w[i] = (float) random.nextGaussian();
    }
    embedding = manager.create(e, new Shape(VOCAB, DIM));
    projectionT = manager.create(w, new Shape(VOCAB, DIM)).transpose().mul(1.5f);
  }

  @Override
  public QwenConfig config() {
    throw new UnsupportedOperationException("the toy model has no Qwen config");
  }

  @Override
  public Map<String, NDArray> parameters() {
    return Map.of("embedding", embedding);
  }

  private NDArray embed(NDArray ids) {
    return ids.oneHot(VOCAB).toType(DataType.FLOAT32, false).matMul(embedding);
  }

  @Override
  public NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals) {
    forwardCalls++;
    visualsSeen += visuals.size();
    NDArray emb = embed(inputIds);                                   // [B, L, D]
    NDArray m = attentionMask.toType(DataType.FLOAT32, false).expandDims(2); // [B, L, 1]
    NDArray sums = emb.mul(m).cumSum(1);
    NDArray counts = m.cumSum(1).maximum(1f);
    NDArray hidden = emb.add(sums.div(counts).mul(0.5f));
    return hidden.matMul(projectionT);                               // [B, L, V]
  }

  @Override
  public KvCache newCache() {
    return new KvCache(manager, 1);
  }

  @Override
  public NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache) {
    prefillCalls++;
    prefillRows += inputIds.getShape().get(0);
    NDArray logits = forward(inputIds, attentionMask, visuals);
    NDArray keys = embed(inputIds).expandDims(1);                   // [B, 1, L, D]
    cache.append(0, keys, keys);
    cache.setRopeDeltas(new long[Math.toIntExact(inputIds.getShape().get(0))]);
    return logits.get(":, -1, :");
  }

  @Override
  public NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache) {
    NDArray emb = embed(tokens);                                     // [B, 1, D]
    NDArray keys = emb.expandDims(1);                                // [B, 1, 1, D]
    NDArray all = cache.keys(0).concat(keys, 2).squeeze(1);          // [B, T+1, D]
    NDArray m = attentionMask.toType(DataType.FLOAT32, false).expandDims(2);
    NDArray mean = all.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
    cache.append(0, keys, keys);
    return emb.squeeze(1).add(mean.mul(0.5f)).matMul(projectionT);
  }

  @Override
  public void save(Path dir) {
    throw new UnsupportedOperationException("the toy model is not saved");
  }

  @Override
  public void close() {
    manager.close();
  }
}
