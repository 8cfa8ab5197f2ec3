package dev.videop2r.model.plan;

import dev.videop2r.model.ParameterShapes;
import dev.videop2r.model.QwenConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Memory of one training step, per component, for the model as this project runs it on DJL.
 *
 * <p>Two facts of the implementation shape the activation terms. First, every intermediate array of a forward
 * pass lives until the step's NDManager closes (DJL frees native memory when an array is closed, not when autograd
 * no longer needs it), so the activations are all the arrays the forward creates, not only what autograd saves.
 * Second, attention is composed from matmul + softmax ({@code Ops.attention}): the score matrix is stored, in
 * four copies in float32 (matmul, scale, mask, softmax). The per-token counts below were read off
 * {@code TextDecoder}, {@code VisionTower} and {@code Ops}; docs/model.md § Memory plan lists them and the
 * measured peaks they were checked against.
 *
 * <p>The peak is the persistent state (weights, reference, adapters, gradients, optimizer moments) plus the larger
 * of the two phases of an RL step: sampling (KV cache and the prefill's arrays) and the policy update (one
 * micro-batch's forward arrays, its logits, and backward's transient gradients).
 */
public final class MemoryPlanner {

  private static final String VISION_PREFIX = "visual.";
  private static final int FLOAT32 = 4;
  /** What a first training step adds besides its arrays, measured on the tiny configs (docs/model.md). */
  private static final long RUNTIME_BYTES = 20L << 20;
  /** {@code TextDecoder}'s query positions per causal attention chunk. */
  private static final long QUERY_CHUNK = 256;

  private MemoryPlanner() {}

  /** One named amount of memory. */
  public record Component(String name, long bytes, String basis) {}

  /**
   * @param persistent held for the whole run
   * @param sampling the rollout phase's working set (empty for SFT)
   * @param update the policy update's working set (one micro-batch)
   */
  public record Plan(RunShape shape, long parameters, long trainable, List<Component> persistent,
      List<Component> sampling, List<Component> update) {

    public long persistentBytes() {
      return sum(persistent);
    }

    public long samplingBytes() {
      return sum(sampling);
    }

    public long updateBytes() {
      return sum(update);
    }

    /** Persistent state plus the larger phase. */
    public long peakBytes() {
      return persistentBytes() + Math.max(samplingBytes(), updateBytes());
    }

    private static long sum(List<Component> components) {
      return components.stream().mapToLong(Component::bytes).sum();
    }
  }

  public static Plan plan(RunShape s) {
    QwenConfig c = s.config();
    long b = s.bytesPerValue();
    long visionParams = 0;
    long textParams = 0;
    long largestText = 0;
    long largestVision = 0;
    for (Map.Entry<String, long[]> e : ParameterShapes.of(c).entrySet()) {
      if (c.tieWordEmbeddings() && e.getKey().equals("lm_head.weight")) {
        continue;
      }
      long n = 1;
      for (long d : e.getValue()) {
        n = Math.multiplyExact(n, d);
      }
      if (e.getKey().startsWith(VISION_PREFIX)) {
        visionParams += n;
        largestVision = Math.max(largestVision, n);
      } else {
        textParams += n;
        largestText = Math.max(largestText, n);
      }
    }
    long params = visionParams + textParams;
    long adapterParams = s.lora() == null ? 0 : adapterParameters(c, s.lora());
    boolean full = s.lora() == null;
    long trainable = full ? textParams + (s.trainVision() ? visionParams : 0) : adapterParams;
    // Full fine-tuning keeps gradients and AdamW moments in the parameters' dtype (AdamW: zerosLike); adapters are
    // float32 whatever the base dtype.
    long trainBytes = full ? b : FLOAT32;

    List<Component> persistent = new ArrayList<>();
    persistent.add(new Component("weights", params * b, String.format("%,d parameters x %d B", params, b)));
    if (s.stage() == RunShape.Stage.RL && s.klReference() && full) {
      persistent.add(new Component("reference model", params * b, "a frozen copy of the weights for the KL term"));
    }
    if (!full) {
      persistent.add(new Component("adapters", adapterParams * FLOAT32,
          String.format("%,d LoRA parameters x 4 B (reference = base with adapters off)", adapterParams)));
    }
    persistent.add(new Component("gradients", trainable * trainBytes,
        String.format("%,d trainable x %d B", trainable, trainBytes)));
    persistent.add(new Component("optimizer (AdamW)", 2 * trainable * trainBytes, "two moments per trainable value"));

    List<Component> sampling = new ArrayList<>();
    if (s.stage() == RunShape.Stage.RL) {
      long g = s.rollouts();
      long kvPerToken = 2L * c.numHiddenLayers() * c.numKeyValueHeads() * c.headDim() * b;
      sampling.add(new Component("KV cache", g * s.sequenceTokens() * kvPerToken,
          String.format("G=%d x %,d tokens x %,d B", g, s.sequenceTokens(), kvPerToken)));
      sampling.add(new Component("prefill arrays", g * prefillForward(c, s, s.promptTokens()),
          "G prompts: each layer's output, and one layer's arrays while it runs (nothing recorded)"));
      if (s.frames() > 0) {
        sampling.add(new Component("vision encoder", visionUpdate(c, s, false),
            "one video, encoded once for the G rollouts"));
      }
    }

    List<Component> update = new ArrayList<>();
    long m = s.microBatch();
    long l = s.sequenceTokens();
    if (s.frames() > 0) {
      long videos = Math.max(1, (m + s.rollouts() - 1) / s.rollouts());
      boolean trained = full && s.trainVision();
      update.add(new Component("vision encoder", videos * visionUpdate(c, s, trained),
          videos + " video(s) per micro-batch; " + (!trained ? "frozen: one block's arrays at a time"
              : s.gradCheckpoint() ? "trained: block inputs + one block recomputed" : "trained: every block's arrays")));
    }
    update.add(new Component("decoder activations", m * decoderForward(c, s, l, s.gradCheckpoint()),
        String.format("%d sequence(s) x %,d tokens", m, l) + (s.gradCheckpoint()
            ? ", layer inputs + the arrays of the layer being recomputed" : ", what autograd saves per layer")));
    long v = c.vocabSize();
    long logitsBytes = m * l * v * (b + (b == FLOAT32 ? 0 : FLOAT32));
    long responseLogits = m * (long) s.responseTokens() * v * FLOAT32;
    update.add(new Component("logits", logitsBytes + responseLogits,
        "all positions (lm_head over the whole sequence) + float32 log-softmax of the response"));
    update.add(new Component("backward transients", m * l * v * FLOAT32 + responseLogits
        + m * decoderLayerSaved(c, s, l),
        "gradient of the logits and log-softmax, and one layer's gradients (the size of what it saved) in flight"));
    long largest = full ? Math.max(largestText, s.trainVision() ? largestVision : 0) : largestAdapter(c, s.lora());
    update.add(new Component("optimizer step transients", 3 * largest * trainBytes,
        "AdamW's three live temporaries (v-hat, its root, the update) for the largest trainable tensor"));
    update.add(new Component("runtime", RUNTIME_BYTES,
        "JIT-compiled code and allocator arenas of the first step (measured on CPU; a CUDA context is extra)"));
    return new Plan(s, params, trainable, persistent, sampling, update);
  }

  /** LoRA parameters: rank x (in + out) per adapted linear layer. */
  static long adapterParameters(QwenConfig c, RunShape.Lora lora) {
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long i = c.intermediateSize();
    long perLayer = 0;
    for (String t : lora.targets()) {
      perLayer += switch (t) {
        case "q_proj" -> h + q;
        case "k_proj", "v_proj" -> h + kv;
        case "o_proj" -> q + h;
        case "gate_proj", "up_proj" -> h + i;
        case "down_proj" -> i + h;
        default -> throw new IllegalArgumentException("unknown lora target " + t);
      };
    }
    return perLayer * lora.rank() * c.numHiddenLayers();
  }

  /** The largest single adapter matrix: rank x the widest adapted dimension. */
  private static long largestAdapter(QwenConfig c, RunShape.Lora lora) {
    long widest = lora.targets().stream().anyMatch(t -> t.equals("gate_proj") || t.equals("up_proj")
        || t.equals("down_proj")) ? Math.max(c.intermediateSize(), c.hiddenSize())
        : Math.max((long) c.numAttentionHeads() * c.headDim(), c.hiddenSize());
    return widest * lora.rank();
  }

  /**
   * Bytes one sequence's training forward keeps for the backward over {@code tokens} positions: embeddings, each
   * layer's saved arrays (or, checkpointed, each layer's input and the arrays of the layer being recomputed), the
   * final norm.
   */
  static long decoderForward(QwenConfig c, RunShape s, long tokens, boolean checkpointed) {
    long b = s.bytesPerValue();
    long h = c.hiddenSize();
    // Embedding lookup, the table with the video features appended, and the gather into sequence order.
    long embeddings = 3 * tokens * h * b;
    long layers = checkpointed
        ? c.numHiddenLayers() * tokens * h * b + decoderLayerForward(c, s, tokens)
        : c.numHiddenLayers() * decoderLayerSaved(c, s, tokens);
    return embeddings + layers + tokens * norm(h, b);
  }

  /** A prefill over {@code tokens} positions: embeddings, each layer's output, one layer in flight, the norm. */
  static long prefillForward(QwenConfig c, RunShape s, long tokens) {
    long b = s.bytesPerValue();
    long h = c.hiddenSize();
    return 3 * tokens * h * b + c.numHiddenLayers() * tokens * h * b + decoderLayerForward(c, s, tokens)
        + tokens * norm(h, b);
  }

  /**
   * What autograd saves of one decoder layer over one sequence (the block's other arrays are released when it
   * returns, {@code Ops.residual}): per token the two normed inputs and the attention block's output (3H), q, its
   * swapped halves, the grouped copy and the attention output's copy (4Q), k, its swapped halves, rotated k and v
   * (4KV), the MLP's gate, silu, up and product (4I; the SiLU is libtorch's fused one), the layer's output (H);
   * and the softmax output of the computed scores (float32, plus its cast for half types).
   */
  static long decoderLayerSaved(QwenConfig c, RunShape s, long tokens) {
    long b = s.bytesPerValue();
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long i = c.intermediateSize();
    long perToken = 2 * normSaved(h, b) + (2 * h + 4 * q + 4 * kv + 4 * i) * b;
    long scores = s.fusedAttention() ? 0
        : computedScores(tokens) * c.numAttentionHeads() * (FLOAT32 + (b == FLOAT32 ? 0 : b));
    return tokens * perToken + scores;
  }

  /**
   * One decoder layer over one sequence, every array of its larger block alive (the peak while it runs): per token
   * 2 norms, q/k/v (Q + 2KV), rotary on q and k (4.5 each: x·cos, the negated half, the concat, ·sin, the sum),
   * a contiguous copy of the grouped queries, the attention output and its transposed copy (2Q), o_proj and the
   * residual (2H), the MLP (gate, silu, up, product: 4I; down and residual: 2H); plus the computed score
   * matrices in all their copies.
   */
  static long decoderLayerForward(QwenConfig c, RunShape s, long tokens) {
    long b = s.bytesPerValue();
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long i = c.intermediateSize();
    long perToken = 2 * norm(h, b) + (17 * q + 13 * kv) / 2 * b + 4 * h * b + 4 * i * b;
    long scores = s.fusedAttention() ? 0 : computedScores(tokens) * c.numAttentionHeads() * scoreCopies(b);
    return tokens * perToken + scores;
  }

  /**
   * Query-key pairs the causal attention computes per head: queries in chunks of {@value #QUERY_CHUNK}, each
   * against the keys up to its last position ({@code TextDecoder.causalAttention}).
   */
  static long computedScores(long tokens) {
    long pairs = 0;
    for (long from = 0; from < tokens; from += QUERY_CHUNK) {
      long to = Math.min(tokens, from + QUERY_CHUNK);
      pairs += (to - from) * to;
    }
    return pairs;
  }

  /**
   * The vision tower's share of the update: frozen, it records nothing and each block's arrays are released when
   * the block returns, so one block's arrays plus the embedding and merger; trained, every block's arrays (or, with
   * checkpointing, each block's input and one block).
   */
  static long visionUpdate(QwenConfig c, RunShape s, boolean trained) {
    QwenConfig.Vision v = c.vision();
    long block = visionBlock(c, s);
    long ends = visionEnds(c, s);
    if (!trained) {
      return ends + block;
    }
    return s.gradCheckpoint() ? ends + v.depth() * s.visionRows() * v.hiddenSize() * s.bytesPerValue() + block
        : ends + v.depth() * block;
  }

  /** The float32 pixel rows and the patch embedding, and the merger's arrays. */
  private static long visionEnds(QwenConfig c, RunShape s) {
    QwenConfig.Vision v = c.vision();
    long b = s.bytesPerValue();
    long rows = s.visionRows();
    long d = v.hiddenSize();
    long embed = rows * ((long) v.patchDim() * FLOAT32 + 2 * d * b);
    long merger = rows * (norm(d, b) + 2 * d * b);
    return embed + merger;
  }

  /**
   * One vision block over one video, all its arrays: per row 2 norms, qkv (3D), rotary on q and k in float32 (9D,
   * plus the casts for half types), the segment gathers of q/k/v (3D), the attention output, its copy and the
   * gather back (3D), proj, residual, down and residual (4D), the MLP (4I); the score matrices of a full-attention
   * block (each temporal group's rows) when the tower has one, else of a windowed block ((window/patch)² rows).
   */
  private static long visionBlock(QwenConfig c, RunShape s) {
    QwenConfig.Vision v = c.vision();
    long b = s.bytesPerValue();
    long rows = s.visionRows();
    long d = v.hiddenSize();
    long rotary = 9 * d * FLOAT32 + (b == FLOAT32 ? 0 : 2 * d * (FLOAT32 + b));
    long perRow = 2 * norm(d, b) + 13 * d * b + rotary + 4L * v.intermediateSize() * b;
    long groupRows = s.mergedTokensPerGroup() * 4;
    long windowRows = (long) (v.windowSize() / v.patchSize()) * (v.windowSize() / v.patchSize());
    long keys = v.fullattBlockIndexes().length > 0 ? groupRows : windowRows;
    long scores = s.fusedAttention() ? 0 : rows * v.numHeads() * scoreCopies(b) * keys;
    return rows * perRow + scores;
  }

  /** What autograd saves of an RMSNorm's output: the normed float32 values (plus the input's cast for half types). */
  private static long normSaved(long width, long b) {
    return b == FLOAT32 ? width * FLOAT32 : width * (2 * FLOAT32 + b);
  }

  /** An RMSNorm over {@code width} values: square, divide and scale (float32), plus the casts for half types. */
  private static long norm(long width, long b) {
    return b == FLOAT32 ? 3 * width * FLOAT32 : 3 * width * FLOAT32 + 2 * width * b;
  }

  /** Bytes per score: matmul and scale in the dtype, mask and softmax in float32, the cast back. */
  private static long scoreCopies(long b) {
    return b == FLOAT32 ? 4 * FLOAT32 : 3 * b + 3 * FLOAT32;
  }
}
