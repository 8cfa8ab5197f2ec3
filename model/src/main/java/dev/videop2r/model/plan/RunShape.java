package dev.videop2r.model.plan;

import dev.videop2r.model.QwenConfig;
import java.util.List;
import java.util.Set;

/**
 * The sizes of one training run that decide its memory: the model, the video, the sequence lengths and how the
 * step is cut into micro-batches. Everything here is a count or a switch; {@link MemoryPlanner} turns it into bytes.
 *
 * @param config the model's hyper-parameters
 * @param stage {@code SFT} (no rollouts, no reference) or {@code RL} (rollouts with a KV cache, reference for KL)
 * @param frames sampled frames per video (0 for text only)
 * @param maxPixels pixel budget per frame (Qwen's video max_pixels; the paper uses 128·28·28)
 * @param promptTextTokens text tokens of the prompt besides the video tokens (system, question, template)
 * @param responseTokens response tokens per sequence (RL: max new tokens; SFT: target length)
 * @param rollouts G, sequences sampled per prompt (1 for SFT)
 * @param microBatch sequences in one forward + backward
 * @param bytesPerValue weights and activations dtype width (4 for float32, 2 for bfloat16/float16)
 * @param lora null for full fine-tuning
 * @param trainVision whether the vision tower and merger are trained (full fine-tuning only)
 * @param klReference whether RL keeps a reference policy for the KL term (β &gt; 0)
 * @param gradCheckpoint decoder layers recomputed in backward (keeps only each layer's input)
 * @param fusedAttention attention through a fused kernel (SDPA/flash) that never stores the score matrix
 */
public record RunShape(
    QwenConfig config,
    Stage stage,
    int frames,
    long maxPixels,
    int promptTextTokens,
    int responseTokens,
    int rollouts,
    int microBatch,
    int bytesPerValue,
    Lora lora,
    boolean trainVision,
    boolean klReference,
    boolean gradCheckpoint,
    boolean fusedAttention) {

  /** The training stage: SFT runs no rollouts and keeps no reference model. */
  public enum Stage { SFT, RL }

  /** Low-rank adapters on the decoder's linear layers: {@code W + (alpha/rank)·B·A}. */
  public record Lora(int rank, Set<String> targets) {

    /** PEFT's module names for the Qwen2 decoder's linear layers. */
    public static final List<String> ALL_TARGETS =
        List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public Lora {
      require(rank > 0, "lora rank must be positive, got " + rank);
      require(!targets.isEmpty(), "lora targets must not be empty");
      for (String t : targets) {
        require(ALL_TARGETS.contains(t), "unknown lora target '" + t + "' (known: " + ALL_TARGETS + ")");
      }
      targets = Set.copyOf(targets);
    }
  }

  public RunShape {
    require(frames >= 0, "frames must be >= 0, got " + frames);
    require(frames == 0 || maxPixels >= 28 * 28, "maxPixels must be at least 28*28 = 784, got " + maxPixels);
    require(promptTextTokens > 0, "promptTextTokens must be positive, got " + promptTextTokens);
    require(responseTokens > 0, "responseTokens must be positive, got " + responseTokens);
    require(rollouts > 0, "rollouts must be positive, got " + rollouts);
    require(microBatch > 0, "microBatch must be positive, got " + microBatch);
    require(bytesPerValue == 2 || bytesPerValue == 4, "bytesPerValue must be 2 or 4, got " + bytesPerValue);
    require(stage == Stage.RL || rollouts == 1, "SFT samples nothing: rollouts must be 1, got " + rollouts);
    require(lora == null || !trainVision, "trainVision applies to full fine-tuning (LoRA adapts the decoder only)");
  }

  /** Temporal patch groups of the video: two frames each (Qwen's temporal_patch_size). */
  public long temporalGroups() {
    return frames == 0 ? 0 : (frames + 1) / 2;
  }

  /** Merged video tokens per temporal group at the pixel budget: one per 28×28 pixels. */
  public long mergedTokensPerGroup() {
    return frames == 0 ? 0 : maxPixels / (28 * 28);
  }

  /** Video tokens in the prompt (the decoder sees one per merged 2×2 patch). */
  public long videoTokens() {
    return temporalGroups() * mergedTokensPerGroup();
  }

  /** Patch rows the vision tower runs over per video (four per merged token). */
  public long visionRows() {
    return videoTokens() * 4;
  }

  public long promptTokens() {
    return promptTextTokens + videoTokens();
  }

  public long sequenceTokens() {
    return promptTokens() + responseTokens;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
