package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.KvCache;
import ai.djl.pytorch.jni.JniUtils;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.lora.LoraAdapters;
import java.util.ArrayList;
import java.util.List;

/** The Qwen2 text decoder ({@code model.*}, {@code lm_head}) with GQA and M-RoPE (spec section 3). */
public final class TextDecoder {

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
  /** LoRA adapters added to the linear layers' outputs, or null. */
  private volatile LoraAdapters adapters;

  TextDecoder(QwenConfig cfg, Weights w) {
    this.cfg = cfg;
    this.embedTokens = w.get("model.embed_tokens.weight");
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      layers.add(Layer.of(w, "model.layers." + i + "."));
    }
    this.norm = w.get("model.norm.weight");
    this.lmHead = w.get("lm_head.weight");
  }

  /** Adds {@code adapters} to the decoder's linear layers from the next forward on (null removes them). */
  void setAdapters(LoraAdapters adapters) {
    this.adapters = adapters;
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
    NDArray[] cosSin = mrope(positions, scope, embeds.getDataType());
    NDArray mask = causalMask(keyMask, (int) len, scope);
    NDArray h = embeds;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      h = h.add(attention(Ops.rmsNorm(h, layer.inputNorm(), cfg.rmsNormEps()), layer, i, cosSin, mask, cache,
          batch, len));
      h = h.add(mlp(Ops.rmsNorm(h, layer.postNorm(), cfg.rmsNormEps()), layer));
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

  private NDArray attention(NDArray x, Layer layer, int index, NDArray[] cosSin, NDArray mask, KvCache cache,
      long batch, long len) {
    int heads = cfg.numAttentionHeads();
    int kvHeads = cfg.numKeyValueHeads();
    int d = cfg.headDim();
    NDArray q = project(x, layer, "self_attn.q_proj", layer.qWeight(), layer.qBias())
        .reshape(batch, len, heads, d).transpose(0, 2, 1, 3);
    NDArray k = project(x, layer, "self_attn.k_proj", layer.kWeight(), layer.kBias())
        .reshape(batch, len, kvHeads, d).transpose(0, 2, 1, 3);
    NDArray v = project(x, layer, "self_attn.v_proj", layer.vWeight(), layer.vBias())
        .reshape(batch, len, kvHeads, d).transpose(0, 2, 1, 3);
    q = Ops.rotate(q, cosSin[0], cosSin[1]);
    k = Ops.rotate(k, cosSin[0], cosSin[1]);
    if (cache != null) {
      cache.append(index, k, v);
      k = cache.keys(index);
      v = cache.values(index);
    }
    int groups = cfg.kvGroups();
    // GQA without copying keys: query heads of one kv head form their own axis and broadcast against it.
    NDArray grouped = q.reshape(batch, kvHeads, groups, len, d);
    NDArray groupedKeys = k.expandDims(2);
    NDArray groupedValues = v.expandDims(2);
    // Views of cached arrays attach to the cache's manager; left there, each step's views would pin that step's
    // whole cache copy until the cache closes (memory quadratic in the generated length).
    groupedKeys.attach(q.getManager());
    groupedValues.attach(q.getManager());
    NDArray out = Ops.attention(grouped, groupedKeys, groupedValues, mask.expandDims(1));
    out = out.reshape(batch, heads, len, d).transpose(0, 2, 1, 3).reshape(batch, len, (long) heads * d);
    return project(out, layer, "self_attn.o_proj", layer.oWeight(), null);
  }

  /** SwiGLU: down(silu(gate(x)) * up(x)). */
  private NDArray mlp(NDArray x, Layer layer) {
    if (adapters == null) {
      return Ops.swiGlu(x, layer.gateWeight(), null, layer.upWeight(), null, layer.downWeight(), null);
    }
    NDArray gated = Ops.silu(project(x, layer, "mlp.gate_proj", layer.gateWeight(), null))
        .mul(project(x, layer, "mlp.up_proj", layer.upWeight(), null));
    return project(gated, layer, "mlp.down_proj", layer.downWeight(), null);
  }

  /** {@code x · Wᵀ + b}, plus the LoRA adapter's output when this weight has one. */
  private NDArray project(NDArray x, Layer layer, String module, NDArray weight, NDArray bias) {
    NDArray y = Ops.linear(x, weight, bias);
    LoraAdapters lora = adapters;
    NDArray delta = lora == null ? null : lora.delta(layer.prefix() + module + ".weight", x, JniUtils.isGradMode());
    return delta == null ? y : y.add(delta);
  }

  /**
   * cos/sin {@code [B, 1, L, headDim]}: for frequency j the angle comes from stream T, H or W according to
   * mrope_section (contiguous, not interleaved), duplicated for both halves; float32 then the activation dtype.
   */
  private NDArray[] mrope(long[][][] positions, NDManager scope, DataType type) {
    int batch = positions[0].length;
    int len = positions[0][0].length;
    int d = cfg.headDim();
    int half = d / 2;
    float[] invFreq = new float[half];
    for (int j = 0; j < half; j++) {
      invFreq[j] = 1.0f / (float) Math.pow(cfg.ropeTheta(), (float) (2 * j) / (float) d);
    }
    int[] stream = new int[half];
    int[] section = cfg.mropeSection();
    for (int j = 0, s = 0, bound = section[0]; j < half; j++) {
      while (j >= bound) {
        bound += section[++s];
      }
      stream[j] = s;
    }
    float[] pos = new float[3 * batch * len];
    for (int s = 0; s < 3; s++) {
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < len; i++) {
          pos[(s * batch + b) * len + i] = positions[s][b][i];
        }
      }
    }
    // angle[b, i, j] = position of stream(j) * inv_freq[j], float32; cos/sin on the device, then both halves.
    NDArray selected = scope.create(pos, new Shape(3, batch, len)).get(new NDIndex("{}", scope.create(stream)));
    NDArray angles = selected.transpose(1, 2, 0).mul(scope.create(invFreq));
    angles = angles.concat(angles, -1).expandDims(1);
    return new NDArray[] {angles.cos().toType(type, false), angles.sin().toType(type, false)};
  }

  /**
   * Additive mask {@code [B, 1, L, K]} for L new queries whose keys are the K = cached + L slots: query i (at key
   * slot K-L+i) sees key j iff j <= K-L+i and the key is real.
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
    return scope.create(mask, new Shape(batch, 1, len, keys));
  }
}
