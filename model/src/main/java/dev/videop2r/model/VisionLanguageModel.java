package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Qwen2.5-VL style vision-language model: the seam between the model and generation, training and evaluation.
 * Arrays returned are attached to the manager of {@code inputIds} (or {@code tokens}); the caller closes them.
 */
public interface VisionLanguageModel extends AutoCloseable {

  QwenConfig config();

  /** Checkpoint names (published layout: {@code visual.*}, {@code model.*}, {@code lm_head.weight}) to weights.
   * Tied models map {@code lm_head.weight} to the same array as {@code model.embed_tokens.weight}. Trainers set
   * {@code setRequiresGradient(true)} on what they train. */
  Map<String, NDArray> parameters();

  /**
   * Full forward, differentiable under a {@code GradientCollector}.
   *
   * @param inputIds int64 {@code [B, L]}, left-padded
   * @param attentionMask int64 {@code [B, L]}, 1 = real token
   * @param visuals pixel inputs in order of appearance in the batch (row 0 first); may be empty
   * @return float32 logits {@code [B, L, V]}
   */
  NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals);

  /**
   * The backward of a training forward's {@code loss} (under {@code collector}): the collector's backward, then, with
   * activation checkpointing on, the recomputation of the checkpointed layers and their backward.
   */
  default void backward(GradientCollector collector, NDArray loss) {
    collector.backward(loss);
  }

  /**
   * Activation checkpointing: training forwards keep only each layer's input and recompute the layer in
   * {@link #backward}; less memory, one more forward's time, the same gradients.
   *
   * @throws UnsupportedOperationException by models that cannot recompute (when asked to switch it on)
   */
  default void setGradientCheckpointing(boolean on) {
    if (on) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " has no activation checkpointing");
    }
  }

  /** LoRA adapters attached to the model (then trainers train them instead of the weights), if any. */
  default java.util.Optional<dev.videop2r.model.lora.LoraAdapters> adapters() {
    return java.util.Optional.empty();
  }

  /** An empty cache for {@link #prefill}. */
  KvCache newCache();

  /** Runs the prompt, fills the (empty) cache, keeps the rope deltas in it; returns float32 logits of the last
   * slot {@code [B, V]}. */
  NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache);

  /**
   * One decoding step.
   *
   * @param tokens int64 {@code [B, 1]}
   * @param attentionMask int64 {@code [B, cache.length() + 1]} (the prompt mask with a 1 appended per step)
   * @return float32 logits {@code [B, V]}
   */
  NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache);

  /** Writes config.json and model.safetensors (sharded with an index when large) in the HF layout; the caller
   * copies tokenizer files. */
  void save(Path dir);

  @Override
  void close();
}
