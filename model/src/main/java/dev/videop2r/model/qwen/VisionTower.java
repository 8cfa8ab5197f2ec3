package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.QwenConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Qwen2.5-VL ViT ({@code visual.*}, spec section 2): Conv3d patch embed as a matmul, 2D rotary, windowed and
 * per-frame full attention blocks, the 2x2 patch merger, and the un-permute back to raster order.
 */
public final class VisionTower {

  /** One {@code visual.blocks.i}: pre-norm attention and SwiGLU MLP, both with biases. */
  private record Block(
      NDArray norm1, NDArray qkvWeight, NDArray qkvBias, NDArray projWeight, NDArray projBias,
      NDArray norm2, NDArray gateWeight, NDArray gateBias, NDArray upWeight, NDArray upBias,
      NDArray downWeight, NDArray downBias) {

    static Block of(Weights w, String p) {
      return new Block(w.get(p + "norm1.weight"), w.get(p + "attn.qkv.weight"), w.get(p + "attn.qkv.bias"),
          w.get(p + "attn.proj.weight"), w.get(p + "attn.proj.bias"), w.get(p + "norm2.weight"),
          w.get(p + "mlp.gate_proj.weight"), w.get(p + "mlp.gate_proj.bias"), w.get(p + "mlp.up_proj.weight"),
          w.get(p + "mlp.up_proj.bias"), w.get(p + "mlp.down_proj.weight"), w.get(p + "mlp.down_proj.bias"));
    }
  }

  private static final double EPS = 1e-6;

  private final QwenConfig.Vision cfg;
  private final NDArray patchEmbed;
  private final List<Block> blocks = new ArrayList<>();
  private final NDArray mergerNorm;
  private final NDArray mergerFc1Weight;
  private final NDArray mergerFc1Bias;
  private final NDArray mergerFc2Weight;
  private final NDArray mergerFc2Bias;
  /** Where training forwards checkpoint their blocks, or null (every block's activations kept). */
  private volatile GradientCheckpoints checkpoints;

  VisionTower(QwenConfig.Vision cfg, Weights w) {
    this.cfg = cfg;
    NDArray conv = w.get("visual.patch_embed.proj.weight");
    long expected = (long) cfg.hiddenSize() * cfg.patchDim();
    if (conv.getShape().size() != expected) {
      throw new IllegalArgumentException("visual.patch_embed.proj.weight has shape " + conv.getShape()
          + ", expected " + expected + " values for hidden " + cfg.hiddenSize() + " x patch " + cfg.patchDim());
    }
    this.patchEmbed = conv;
    for (int i = 0; i < cfg.depth(); i++) {
      blocks.add(Block.of(w, "visual.blocks." + i + "."));
    }
    this.mergerNorm = w.get("visual.merger.ln_q.weight");
    this.mergerFc1Weight = w.get("visual.merger.mlp.0.weight");
    this.mergerFc1Bias = w.get("visual.merger.mlp.0.bias");
    this.mergerFc2Weight = w.get("visual.merger.mlp.2.weight");
    this.mergerFc2Bias = w.get("visual.merger.mlp.2.bias");
  }

  /** Checkpoints the blocks of training forwards in {@code checkpoints} (null: keep their activations). */
  void setCheckpoints(GradientCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  /**
   * Encodes all items of one modality in one call.
   *
   * @param pixels {@code [N, patchDim]} in the model's dtype, on {@code scope}
   * @param prefix trace name prefix ("image" or "video")
   * @return merged features {@code [N/4, outHidden]} in item (raster) order
   */
  NDArray forward(NDArray pixels, List<long[]> gridThw, NDManager scope, Trace trace, String prefix) {
    VisionGeometry geo = VisionGeometry.of(gridThw, cfg);
    int rows = geo.patchRows();
    if (pixels.getShape().get(0) != rows || pixels.getShape().get(1) != cfg.patchDim()) {
      throw new IllegalArgumentException(prefix + " pixel values have shape " + pixels.getShape() + " but the grids need ["
          + rows + ", " + cfg.patchDim() + "]");
    }
    int unit = cfg.spatialMergeSize() * cfg.spatialMergeSize();
    int dim = cfg.hiddenSize();
    // Conv3d with kernel == stride over rows that are exactly one kernel window: a matmul with the flattened weight.
    NDArray kernel = patchEmbed.reshape(dim, cfg.patchDim());
    kernel.attach(scope);
    NDArray hidden = Ops.linear(pixels, kernel, null);
    float[] angles = geo.rotaryAngles(cfg.headDim());
    if (trace != null) {
      trace.put(prefix + "_patch_embed", hidden);
      trace.putLongs(prefix + "_window_index", new long[] {geo.windowIndex().length},
          java.util.Arrays.stream(geo.windowIndex()).asLongStream().toArray());
      trace.putLongs(prefix + "_cu_window_seqlens_raw", new long[] {geo.cuWindowSeqlensRaw().length},
          geo.cuWindowSeqlensRaw());
      trace.putLongs(prefix + "_cu_window_seqlens", new long[] {geo.cuWindowSeqlens().length}, geo.cuWindowSeqlens());
      trace.putLongs(prefix + "_cu_seqlens", new long[] {geo.cuSeqlens().length}, geo.cuSeqlens());
      trace.put(prefix + "_rot_pos_freqs", scope.create(angles, new Shape(rows, cfg.headDim() / 2)));
    }
    // Window order: merged tokens (groups of `unit` patch rows) permuted by window_index, angles likewise.
    int[] rowOrder = patchRowOrder(geo.windowIndex(), unit);
    NDArray order = HostArrays.owned(scope, rowOrder);
    hidden = hidden.get(new NDIndex("{}", order));
    float[] permutedAngles = permuteRows(angles, rowOrder, cfg.headDim() / 2);
    NDArray angleRows = HostArrays.owned(scope, permutedAngles, new Shape(rows, 1, cfg.headDim() / 2));
    // q and k rotate in float32 like HF; the attention scale rides on the query's tables.
    Rotary queryRotary = Rotary.of(angleRows, Ops.attentionScale(cfg.headDim()), DataType.FLOAT32);
    Rotary keyRotary = Rotary.of(angleRows, 1.0, DataType.FLOAT32);
    Segments windowed = Segments.of(geo.cuWindowSeqlens(), scope);
    Segments full = Segments.of(geo.cuSeqlens(), scope);
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      Segments segments = cfg.isFullAttention(i) ? full : windowed;
      UnaryOperator<NDArray> block = in -> {
        NDArray mid = Ops.residual(in, x -> attention(Ops.rmsNorm(x, b.norm1(), EPS), b, queryRotary, keyRotary,
            segments));
        return Ops.residual(mid, x -> Ops.swiGlu(Ops.rmsNorm(x, b.norm2(), EPS), b.gateWeight(), b.gateBias(),
            b.upWeight(), b.upBias(), b.downWeight(), b.downBias()));
      };
      // A frozen tower records nothing anyway: checkpointing it would only add a recomputation.
      GradientCheckpoints recompute = checkpoints;
      boolean trained = hidden.hasGradient() || b.qkvWeight().hasGradient();
      hidden = trained && GradientCheckpoints.active(recompute) ? recompute.run(hidden, block, null)
          : block.apply(hidden);
      if (trace != null) {
        trace.put(prefix + "_block_" + i + "_out", hidden);
      }
    }
    if (trace != null) {
      trace.put(prefix + "_vision_blocks_out", hidden);
      trace.put(prefix + "_vision_blocks_out_raster",
          hidden.get(new NDIndex("{}", scope.create(inverse(rowOrder)))));
    }
    NDArray merged = Ops.rmsNorm(hidden, mergerNorm, EPS).reshape(rows / unit, (long) unit * dim);
    merged = Ops.linear(Activation.gelu(Ops.linear(merged, mergerFc1Weight, mergerFc1Bias)), mergerFc2Weight,
        mergerFc2Bias);
    NDArray raster = merged.get(new NDIndex("{}", HostArrays.owned(scope, geo.reverseWindowIndex())));
    if (trace != null) {
      trace.put(prefix + "_merger_out_window_order", merged);
      trace.put(prefix + "_merger_out", raster);
    }
    return raster;
  }

  /** Attention restricted to segments, heads batched; q/k rotated in float32 like HF. */
  private NDArray attention(NDArray x, Block b, Rotary queryRotary, Rotary keyRotary, Segments segments) {
    long rows = x.getShape().get(0);
    int heads = cfg.numHeads();
    int headDim = cfg.headDim();
    NDList qkv = Ops.linear(x, b.qkvWeight(), b.qkvBias()).reshape(rows, 3, heads, headDim).split(3, 1);
    DataType type = x.getDataType();
    NDArray q = rotate32(qkv.get(0).squeeze(1), queryRotary, type);
    NDArray k = rotate32(qkv.get(1).squeeze(1), keyRotary, type);
    NDArray out = segments.attend(q, k, qkv.get(2).squeeze(1)); // [rows, heads, headDim]
    return Ops.linear(out.reshape(rows, (long) heads * headDim), b.projWeight(), b.projBias());
  }

  private static NDArray rotate32(NDArray x, Rotary rotary, DataType type) {
    return rotary.apply(x.toType(DataType.FLOAT32, false)).toType(type, false);
  }

  /** Patch-row gather order for a merged-token permutation (each merged token = `unit` consecutive rows). */
  private static int[] patchRowOrder(int[] mergedOrder, int unit) {
    int[] rows = new int[mergedOrder.length * unit];
    for (int i = 0; i < mergedOrder.length; i++) {
      for (int j = 0; j < unit; j++) {
        rows[i * unit + j] = mergedOrder[i] * unit + j;
      }
    }
    return rows;
  }

  private static int[] inverse(int[] permutation) {
    int[] inv = new int[permutation.length];
    for (int i = 0; i < permutation.length; i++) {
      inv[permutation[i]] = i;
    }
    return inv;
  }

  private static float[] permuteRows(float[] values, int[] order, int width) {
    float[] out = new float[values.length];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(values, order[i] * width, out, i * width, width);
    }
    return out;
  }

  /**
   * Block-diagonal attention over variable-length segments (cu_seqlens): rows are gathered into a padded
   * {@code [S, maxLen]} batch, padded keys masked, and the real rows gathered back. Zero-length segments vanish.
   */
  private record Segments(NDArray gather, NDArray keyMask, NDArray scatterBack, int count, int maxLen) {

    static Segments of(long[] cu, NDManager scope) {
      int count = 0;
      int maxLen = 0;
      for (int s = 1; s < cu.length; s++) {
        int len = (int) (cu[s] - cu[s - 1]);
        if (len > 0) {
          count++;
          maxLen = Math.max(maxLen, len);
        }
      }
      int rows = (int) cu[cu.length - 1];
      long[] gather = new long[count * maxLen];
      float[] mask = new float[count * maxLen];
      long[] back = new long[rows];
      int seg = 0;
      for (int s = 1; s < cu.length; s++) {
        int start = (int) cu[s - 1];
        int len = (int) (cu[s] - start);
        if (len == 0) {
          continue;
        }
        for (int j = 0; j < maxLen; j++) {
          int slot = seg * maxLen + j;
          if (j < len) {
            gather[slot] = start + j;
            back[start + j] = slot;
          } else {
            mask[slot] = Ops.MASK_VALUE;
          }
        }
        seg++;
      }
      return new Segments(HostArrays.owned(scope, gather), HostArrays.owned(scope, mask, new Shape(count, 1, 1, maxLen)),
          HostArrays.owned(scope, back), count, maxLen);
    }

    /** q, k, v {@code [rows, heads, d]} -> {@code [rows, heads, d]}. */
    NDArray attend(NDArray q, NDArray k, NDArray v) {
      long heads = q.getShape().get(1);
      long d = q.getShape().get(2);
      NDArray out = Ops.attention(batch(q, heads, d), batch(k, heads, d), batch(v, heads, d), keyMask);
      // [S, heads, maxLen, d] -> [S*maxLen, heads, d] -> real rows.
      return out.transpose(0, 2, 1, 3).reshape((long) count * maxLen, heads, d).get(new NDIndex("{}", scatterBack));
    }

    private NDArray batch(NDArray x, long heads, long d) {
      return x.get(new NDIndex("{}", gather)).reshape(count, maxLen, heads, d).transpose(0, 2, 1, 3);
    }
  }
}
