package dev.videop2r.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every checkpoint tensor a config implies, in published names (spec section 5), with its shape. */
public final class ParameterShapes {

  private ParameterShapes() {}

  public static Map<String, long[]> of(QwenConfig c) {
    Map<String, long[]> s = new LinkedHashMap<>();
    QwenConfig.Vision v = c.vision();
    long d = v.hiddenSize();
    long vi = v.intermediateSize();
    s.put("visual.patch_embed.proj.weight",
        new long[] {d, v.inChannels(), v.temporalPatchSize(), v.patchSize(), v.patchSize()});
    for (int i = 0; i < v.depth(); i++) {
      String p = "visual.blocks." + i + ".";
      s.put(p + "norm1.weight", new long[] {d});
      s.put(p + "norm2.weight", new long[] {d});
      s.put(p + "attn.qkv.weight", new long[] {3 * d, d});
      s.put(p + "attn.qkv.bias", new long[] {3 * d});
      s.put(p + "attn.proj.weight", new long[] {d, d});
      s.put(p + "attn.proj.bias", new long[] {d});
      s.put(p + "mlp.gate_proj.weight", new long[] {vi, d});
      s.put(p + "mlp.gate_proj.bias", new long[] {vi});
      s.put(p + "mlp.up_proj.weight", new long[] {vi, d});
      s.put(p + "mlp.up_proj.bias", new long[] {vi});
      s.put(p + "mlp.down_proj.weight", new long[] {d, vi});
      s.put(p + "mlp.down_proj.bias", new long[] {d});
    }
    long merged = d * v.spatialMergeSize() * v.spatialMergeSize();
    s.put("visual.merger.ln_q.weight", new long[] {d});
    s.put("visual.merger.mlp.0.weight", new long[] {merged, merged});
    s.put("visual.merger.mlp.0.bias", new long[] {merged});
    s.put("visual.merger.mlp.2.weight", new long[] {v.outHiddenSize(), merged});
    s.put("visual.merger.mlp.2.bias", new long[] {v.outHiddenSize()});
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long ti = c.intermediateSize();
    s.put("model.embed_tokens.weight", new long[] {c.vocabSize(), h});
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      s.put(p + "input_layernorm.weight", new long[] {h});
      s.put(p + "post_attention_layernorm.weight", new long[] {h});
      s.put(p + "self_attn.q_proj.weight", new long[] {q, h});
      s.put(p + "self_attn.q_proj.bias", new long[] {q});
      s.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
      s.put(p + "self_attn.k_proj.bias", new long[] {kv});
      s.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
      s.put(p + "self_attn.v_proj.bias", new long[] {kv});
      s.put(p + "self_attn.o_proj.weight", new long[] {h, q});
      s.put(p + "mlp.gate_proj.weight", new long[] {ti, h});
      s.put(p + "mlp.up_proj.weight", new long[] {ti, h});
      s.put(p + "mlp.down_proj.weight", new long[] {h, ti});
    }
    s.put("model.norm.weight", new long[] {h});
    s.put("lm_head.weight", new long[] {c.vocabSize(), h});
    return s;
  }
}
