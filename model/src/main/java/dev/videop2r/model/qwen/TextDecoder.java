package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.lora.LoraAdapters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The Qwen2 text decoder ({@code model.*}, {@code lm_head}) with GQA and M-RoPE (spec section 3). */
public final class TextDecoder {

  /** Query positions per causal attention chunk (see {@link #causalAttention}). */
  private static final long QUERY_CHUNK = 256;

  /** One {@code model.layers.i} ({@code prefix}). q/k/v have biases, o_proj and the MLP do not. */
  private record Layer(
      String prefix, NDArray inputNorm, NDArray qWeight, NDArray qBias, NDArray kWeight, NDArray kBias, NDArray vWeight,
      NDArray vBias, NDArray oWeight, NDArray postNorm, NDArray gateWeight, NDArray upWeight, NDArray downWeight) {

    static Layer of(Weights w, String p) {
      return new Layer(p, w.get(p + "input_layernorm.weight"), w.get(p + "self_attn.q_proj.weight"),
          w.get(p + "self_attn.q_proj.bias"), w.get(p + "self_attn.k_proj.weight"), w.get(p + "self_attn.k_proj.bias"),
          w.get(p + "self_attn.v_proj.weight"), w.get(p + "self_attn.v_proj.bias"),
          w.get(p + "self_attn.o_proj.weight"), w.get(p + "post_attention_layernorm.weight"),
          w.get(p + "mlp.gate_proj.weight"), w.get(p + "mlp.up_proj.weight"), w.get(p + "mlp.down_proj.weight"));
    }
  }

  private final QwenConfig cfg;
  private final NDArray embedTokens;
  private final List<Layer> layers = new ArrayList<>();
  private final NDArray norm;
  private final NDArray lmHead;
  /** M-RoPE's inverse frequencies and the position stream of each (functions of the config alone). */
  private final float[] invFreq;
  private final int[] frequencyStream;
  /** LoRA adapters added to the linear layers' outputs, or null. */
  private volatile LoraAdapters adapters;
  /** Where training forwards checkpoint their layers, or null (every layer's activations kept). */
  private volatile GradientCheckpoints checkpoints;

  TextDecoder(QwenConfig cfg, Weights w) {
    this.cfg = cfg;
    this.embedTokens = w.get("model.embed_tokens.weight");
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      layers.add(Layer.of(w, "model.layers." + i + "."));
    }
    this.norm = w.get("model.norm.weight");
    this.lmHead = w.get("lm_head.weight");
    this.invFreq = inverseFrequencies(cfg);
    this.frequencyStream = frequencyStreams(cfg);
  }

  /** Adds {@code adapters} to the decoder's linear layers from the next forward on (null removes them). */
  void setAdapters(LoraAdapters adapters) {
    this.adapters = adapters;
  }

  /** Checkpoints the layers of training forwards in {@code checkpoints} (null: keep their activations). */
  void setCheckpoints(GradientCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** Token embeddings {@code [n, H]} of flat ids, on the ids' manager. */
  NDArray embed(NDArray flatIds) {
    NDArray rows = embedTokens.get(new NDIndex("{}", flatIds));
    rows.attach(flatIds.getManager());
    return rows;
  }

  /**
   * Runs the layers over {@code [B, L, H]} embeddings and returns the final-normed hidden states.
   *
   * @param positions M-RoPE positions {@code [3][B][L]}
   * @param keyMask {@code [B][K]} attention mask over all keys (cached + new), 1 = real
   * @param cache appended to when not null; attention then covers the cached keys too
   */
  NDArray forward(NDArray embeds, long[][][] positions, long[][] keyMask, KvCache cache, NDManager scope,
      Trace trace) {
    long batch = embeds.getShape().get(0);
    long len = embeds.getShape().get(1);
    Rotary[] rotary = mrope(positions, scope, embeds.getDataType());
    NDArray mask = causalMask(keyMask, (int) len, scope);
    NDArray h = embeds;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int index = i;
      UnaryOperator<NDArray> block = in -> {
        NDArray mid = Ops.residual(in, x -> attention(Ops.rmsNorm(x, layer.inputNorm(), cfg.rmsNormEps()), layer,
            index, rotary, mask, cache, batch, len));
        return Ops.residual(mid, x -> mlp(Ops.rmsNorm(x, layer.postNorm(), cfg.rmsNormEps()), layer));
      };
      GradientCheckpoints recompute = checkpoints;
      h = GradientCheckpoints.active(recompute) ? recompute.run(h, block, adapters) : block.apply(h);
      if (trace != null) {
        trace.put("text_layer_" + i + "_out", h);
      }
    }
    NDArray last = Ops.rmsNorm(h, norm, cfg.rmsNormEps());
    if (trace != null) {
      trace.put("last_hidden", last);
    }
    return last;
  }

  /** float32 logits of hidden states. */
  NDArray logits(NDArray hidden) {
    return Ops.linear(hidden, lmHead, null).toType(DataType.FLOAT32, false);
  }

  /** @param rotary the query's tables (attention scale folded in) and the key's */
  private NDArray attention(NDArray x, Layer layer, int index, Rotary[] rotary, NDArray mask, KvCache cache,
      long batch, long len) {
    int heads = cfg.numAttentionHeads();
    int kvHeads = cfg.numKeyValueHeads();
    int groups = cfg.kvGroups();
    int d = cfg.headDim();
    // Rotated in the projection's [B, L, heads, d] layout (tables [B, L, 1, d]).
    NDArray q = rotary[0].apply(project(x, layer, "self_attn.q_proj", layer.qWeight(), layer.qBias())
        .reshape(batch, len, heads, d));
    NDArray k = rotary[1].apply(project(x, layer, "self_attn.k_proj", layer.kWeight(), layer.kBias())
        .reshape(batch, len, kvHeads, d)).transpose(0, 2, 1, 3);
    NDArray v = project(x, layer, "self_attn.v_proj", layer.vWeight(), layer.vBias())
        .reshape(batch, len, kvHeads, d).transpose(0, 2, 1, 3);
    if (cache != null) {
      cache.append(index, k, v);
      k = cache.keys(index);
      v = cache.values(index);
    }
    // GQA without copying keys: the query heads of one kv head become extra query rows, [B, kv, L*groups, d]
    // with row = position*groups + group (query head = kvHead*groups + group, as repeat_kv pairs them).
    NDArray rows = q.reshape(batch, len, kvHeads, groups, d).transpose(0, 2, 1, 3, 4)
        .reshape(batch, kvHeads, len * groups, d);
    NDArray out = causalAttention(rows, k, v, mask, len, groups);
    out = out.reshape(batch, kvHeads, len, groups, d).transpose(0, 2, 1, 3, 4).reshape(batch, len, (long) heads * d);
    return project(out, layer, "self_attn.o_proj", layer.oWeight(), null);
  }

  /** SwiGLU: down(silu(gate(x)) * up(x)). */
  private NDArray mlp(NDArray x, Layer layer) {
    if (adapters == null) {
      return Ops.swiGlu(x, layer.gateWeight(), null, layer.upWeight(), null, layer.downWeight(), null);
    }
    NDArray gated = FusedOps.swiGluGate(project(x, layer, "mlp.gate_proj", layer.gateWeight(), null),
        project(x, layer, "mlp.up_proj", layer.upWeight(), null));
    return project(gated, layer, "mlp.down_proj", layer.downWeight(), null);
  }

  /** {@code x · Wᵀ + b}, plus the LoRA adapter's output when this weight has one. */
  private NDArray project(NDArray x, Layer layer, String module, NDArray weight, NDArray bias) {
    NDArray y = Ops.linear(x, weight, bias);
    LoraAdapters lora = adapters;
    NDArray delta = lora == null ? null : lora.delta(layer.prefix() + module + ".weight", x, GradientCheckpoints.training());
    return delta == null ? y : y.add(delta);
  }

  /**
   * Attention of query rows {@code [B, kv, L*groups, d]} (pre-scaled) over keys/values {@code [B, kv, K, d]} under
   * the mask {@code [B, 1, L, 1, K]}. Causal blocks are skipped: the queries are split into chunks of
   * {@link #QUERY_CHUNK} positions and each chunk attends only to the keys up to its last position (the keys after
   * it are masked for all its rows; a left-pad row, which sees no key, spreads uniformly over the keys computed
   * instead of all of them, and such rows never reach a loss). With L = 512 that computes 75 % of the scores;
   * shorter chunks cost more in slicing and in their backward than they save (measured at L = 256 and 512).
   */
  private static NDArray causalAttention(NDArray rows, NDArray k, NDArray v, NDArray mask, long len, int groups) {
    NDManager scope = rows.getManager();
    long keys = k.getShape().get(2);
    long offset = keys - len;
    NDArray keysT = k.swapAxes(-1, -2);
    // Views of cached arrays attach to the cache's manager; left there, each step's views would pin that step's
    // whole cache copy until the cache closes (memory quadratic in the generated length).
    keysT.attach(scope);
    if (len <= QUERY_CHUNK) {
      return block(rows, keysT, v, mask, groups);
    }
    int chunks = (int) ((len + QUERY_CHUNK - 1) / QUERY_CHUNK);
    long[] splits = new long[chunks - 1];
    for (int c = 1; c < chunks; c++) {
      splits[c - 1] = c * QUERY_CHUNK * groups;
    }
    NDList parts = rows.split(splits, 2);
    NDList outs = new NDList(chunks);
    for (int c = 0; c < chunks; c++) {
      long from = (long) c * QUERY_CHUNK;
      long to = Math.min(len, from + QUERY_CHUNK);
      long visible = offset + to;
      NDArray chunkKeys = keysT.get(new NDIndex(":, :, :, :{}", visible));
      NDArray chunkValues = v.get(new NDIndex(":, :, :{}", visible));
      chunkValues.attach(scope);
      NDArray chunkMask = mask.get(new NDIndex(":, :, {}:{}, :, :{}", from, to, visible));
      outs.add(block(parts.get(c), chunkKeys, chunkValues, chunkMask, groups));
    }
    return NDArrays.concat(outs, 2);
  }

  /** One block: rows {@code [B, kv, n*groups, d]}, keysT {@code [B, kv, d, T]}, mask {@code [B, 1, n, 1, T]}. */
  private static NDArray block(NDArray rows, NDArray keysT, NDArray values, NDArray mask, int groups) {
    Shape s = rows.getShape();
    long n = s.get(2) / groups;
    long t = keysT.getShape().get(3);
    DataType type = rows.getDataType();
    NDArray scores = rows.matMul(keysT).toType(DataType.FLOAT32, false).reshape(s.get(0), s.get(1), n, groups, t)
        .add(mask).softmax(-1).toType(type, false).reshape(s.get(0), s.get(1), s.get(2), t);
    return scores.matMul(values);
  }

  /**
   * Rotary tables {@code [B, L, 1, headDim]} for queries (times the attention scale) and keys: for frequency j the
   * angle comes from stream T, H or W according to mrope_section (contiguous, not interleaved), duplicated for
   * both halves; float32 then the activation dtype.
   */
  private Rotary[] mrope(long[][][] positions, NDManager scope, DataType type) {
    int batch = positions[0].length;
    int len = positions[0][0].length;
    NDArray angles = HostArrays.owned(scope, angles(positions), new Shape(batch, len, 1, invFreq.length));
    return new Rotary[] {Rotary.of(angles, Ops.attentionScale(cfg.headDim()), type), Rotary.of(angles, 1.0, type)};
  }

  /**
   * angle[b, i, j] = float(position of stream(j)) * inv_freq[j] in float32, HF's product. Made here rather than
   * from device ops (positions, gather, transpose, product): one array per forward instead of six ops, and a loop
   * in a method of its own, which the JIT compiles alone instead of inlining the ops' Java call tree with it.
   */
  private float[] angles(long[][][] positions) {
    int batch = positions[0].length;
    int len = positions[0][0].length;
    int half = invFreq.length;
    float[] angles = new float[batch * len * half];
    for (int b = 0, k = 0; b < batch; b++) {
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < half; j++, k++) {
          angles[k] = (float) positions[frequencyStream[j]][b][i] * invFreq[j];
        }
      }
    }
    return angles;
  }

  /** inv_freq[j] = 1 / theta^(2j/d), float32 as HF computes it. */
  private static float[] inverseFrequencies(QwenConfig cfg) {
    int d = cfg.headDim();
    float[] invFreq = new float[d / 2];
    for (int j = 0; j < invFreq.length; j++) {
      invFreq[j] = 1.0f / (float) Math.pow(cfg.ropeTheta(), (float) (2 * j) / (float) d);
    }
    return invFreq;
  }

  /** The position stream (0 = T, 1 = H, 2 = W) of each frequency: mrope_section's contiguous blocks. */
  private static int[] frequencyStreams(QwenConfig cfg) {
    int[] stream = new int[cfg.headDim() / 2];
    int[] section = cfg.mropeSection();
    for (int j = 0, s = 0, bound = section[0]; j < stream.length; j++) {
      while (j >= bound) {
        bound += section[++s];
      }
      stream[j] = s;
    }
    return stream;
  }

  /**
   * Additive mask {@code [B, 1, L, 1, K]} (broadcast over kv heads and query groups) for L new queries whose keys
   * are the K = cached + L slots: query i (at key slot K-L+i) sees key j iff j <= K-L+i and the key is real.
   */
  private static NDArray causalMask(long[][] keyMask, int len, NDManager scope) {
    int batch = keyMask.length;
    int keys = keyMask[0].length;
    int offset = keys - len;
    float[] mask = new float[batch * len * keys];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < keys; j++) {
          if (j > offset + i || keyMask[b][j] == 0) {
            mask[(b * len + i) * keys + j] = Ops.MASK_VALUE;
          }
        }
      }
    }
    return HostArrays.owned(scope, mask, new Shape(batch, 1, len, 1, keys));
  }
}
