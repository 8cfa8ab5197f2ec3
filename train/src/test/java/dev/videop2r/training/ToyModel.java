package dev.videop2r.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.training.loop.TensorFile;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny causal language model behind the model seam, for fast trainer tests: token embedding + position
 * embedding + a causal running mean of the context through one mixing matrix, tanh, then a linear head.
 * Logits come in the weights' type (float64 for gradient checks). Visual inputs are ignored. Prefill/decode recompute the full forward over the tokens seen so far (kept per
 * cache), which is slow but exact.
 */
public final class ToyModel implements VisionLanguageModel {
  public static final int MAX_POSITIONS = 64;
  private final NDManager manager;
  private final int vocab;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private final Map<KvCache, long[][]> history = new IdentityHashMap<>();
  private Runnable beforeForward = () -> {};

  public ToyModel(NDManager manager, int vocab, int dim, long seed, DataType type) {
    this.manager = manager;
    this.vocab = vocab;
    Random r = new Random(seed);
    params.put("embed", randn(r, type, vocab, dim));
    params.put("pos", randn(r, type, MAX_POSITIONS, dim));
    params.put("mix", randn(r, type, dim, dim));
    params.put("head", randn(r, type, dim, vocab));
    params.put("head_bias", manager.zeros(new Shape(vocab), type));
  }

  private NDArray randn(Random r, DataType type, long... shape) {
    int n = (int) new Shape(shape).size();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * 0.5;
    }
    return manager.create(v, new Shape(shape)).toType(type, false);
  }

  /** A copy with the same weights (a frozen reference, or the "uninterrupted" twin in tests). */
  public ToyModel copy() {
    ToyModel c = new ToyModel(manager, vocab, (int) params.get("embed").getShape().get(1), 0,
        params.get("embed").getDataType());
    params.forEach((k, v) -> c.params.get(k).set(v.toByteBuffer()));
    return c;
  }

  @Override
  public QwenConfig config() {
    // The vision ids lie just past the toy vocabulary: the toy never produces them unless a test scripts them.
    return QwenConfig.parse("{\"vocab_size\": " + (vocab + 5) + ", \"hidden_size\": 8, \"intermediate_size\": 8,"
        + " \"vision_start_token_id\": " + vocab + ", \"vision_end_token_id\": " + (vocab + 1)
        + ", \"vision_token_id\": " + (vocab + 2) + ", \"image_token_id\": " + (vocab + 3)
        + ", \"video_token_id\": " + (vocab + 4) + ", \"bos_token_id\": 1, \"eos_token_id\": 15,"
        + " \"num_hidden_layers\": 1, \"num_attention_heads\": 1,"
        + " \"rope_scaling\": {\"type\": \"mrope\", \"mrope_section\": [1, 1, 2]}}", "toy");
  }

  @Override
  public Map<String, NDArray> parameters() {
    return params;
  }

  /** Runs {@code hook} at the start of every {@link #forward}, on the trainer's thread (tests corrupt weights so). */
  public void beforeEachForward(Runnable hook) {
    beforeForward = hook;
  }

  @Override
  public NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals) {
    beforeForward.run();
    DataType type = params.get("embed").getDataType();
    NDArray maskF = attentionMask.toType(type, false).expandDims(-1);
    NDArray tokens = inputIds.oneHot(vocab).toType(type, false).matMul(params.get("embed")).mul(maskF);
    NDArray counts = attentionMask.cumSum(1);
    NDArray positions = counts.sub(1).maximum(0).clip(0, MAX_POSITIONS - 1);
    NDArray pos = positions.oneHot(MAX_POSITIONS).toType(type, false).matMul(params.get("pos"));
    NDArray context = tokens.cumSum(1).div(counts.maximum(1).toType(type, false).expandDims(-1));
    NDArray hidden = tokens.add(pos).add(context.matMul(params.get("mix"))).tanh();
    return hidden.matMul(params.get("head")).add(params.get("head_bias"));
  }

  @Override
  public KvCache newCache() {
    return new KvCache(manager, 1);
  }

  @Override
  public NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache) {
    history.put(cache, new long[][] {inputIds.toLongArray(), attentionMask.toLongArray(),
        {inputIds.getShape().get(0), inputIds.getShape().get(1)}});
    return lastLogits(inputIds, attentionMask);
  }

  @Override
  public NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache) {
    long[][] h = history.get(cache);
    int rows = (int) h[2][0];
    int length = (int) h[2][1] + 1;
    long[] ids = new long[rows * length];
    long[] step = tokens.toLongArray();
    for (int b = 0; b < rows; b++) {
      System.arraycopy(h[0], b * (length - 1), ids, b * length, length - 1);
      ids[b * length + length - 1] = step[b];
    }
    history.put(cache, new long[][] {ids, attentionMask.toLongArray(), {rows, length}});
    NDManager m = tokens.getManager();
    return lastLogits(m.create(ids, new Shape(rows, length)), attentionMask);
  }

  private NDArray lastLogits(NDArray ids, NDArray mask) {
    NDArray logits = forward(ids, mask, List.of());
    return logits.get(":, -1, :");
  }

  @Override
  public void save(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      TensorFile.write(dir.resolve("model.safetensors"), params);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    history.clear();
  }
}
