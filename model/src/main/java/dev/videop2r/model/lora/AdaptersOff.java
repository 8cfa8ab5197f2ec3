package dev.videop2r.model.lora;

import ai.djl.ndarray.NDArray;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.VisualInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The base model under a model with LoRA adapters: every call runs with the adapters switched off. RL's KL
 * reference with LoRA is this view of the policy, so the reference costs no second copy of the weights. Calls must
 * not overlap with the policy's own (the trainers run the reference pass and the policy pass one after the other).
 */
public final class AdaptersOff implements VisionLanguageModel {

  private final VisionLanguageModel model;
  private final LoraAdapters adapters;

  public AdaptersOff(VisionLanguageModel model) {
    this.model = model;
    this.adapters = model.adapters().orElseThrow(() -> new IllegalArgumentException(
        "AdaptersOff needs a model with LoRA adapters attached"));
  }

  /** Runs {@code call} with the adapters off, then puts back whatever state they were in (not always "on"). */
  private <T> T off(Supplier<T> call) {
    boolean before = adapters.enabled();
    adapters.setEnabled(false);
    try {
      return call.get();
    } finally {
      adapters.setEnabled(before);
    }
  }

  @Override
  public QwenConfig config() {
    return model.config();
  }

  @Override
  public Map<String, NDArray> parameters() {
    return model.parameters();
  }

  @Override
  public NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals) {
    return off(() -> model.forward(inputIds, attentionMask, visuals));
  }

  @Override
  public KvCache newCache() {
    return model.newCache();
  }

  @Override
  public NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache) {
    return off(() -> model.prefill(inputIds, attentionMask, visuals, cache));
  }

  @Override
  public NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache) {
    return off(() -> model.decode(tokens, attentionMask, cache));
  }

  /** Saves the base weights (the adapters are not part of them). */
  @Override
  public void save(Path dir) {
    model.save(dir);
  }

  /** A view: closing it leaves the model open. */
  @Override
  public void close() {}
}
