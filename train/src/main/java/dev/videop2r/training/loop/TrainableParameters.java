package dev.videop2r.training.loop;

import ai.djl.ndarray.NDArray;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * The distinct weights a trainer updates. The model seam may list one array under two names (tied
 * {@code lm_head.weight} = {@code model.embed_tokens.weight}); it must be updated, clipped and saved once, under
 * the first name.
 */
public final class TrainableParameters {
  private TrainableParameters() {}

  /** The prefix of the vision tower's and merger's weights in a Qwen2.5-VL checkpoint. */
  public static final String VISION_PREFIX = "visual.";

  /** Distinct arrays of {@code parameters} in their order, each marked as requiring a gradient. */
  public static Map<String, NDArray> of(Map<String, NDArray> parameters) {
    return of(parameters, false);
  }

  /**
   * What a trainer updates on {@code model}: with LoRA adapters attached, the adapters alone (every weight frozen);
   * otherwise {@link #of(Map, boolean)}.
   */
  public static Map<String, NDArray> forTraining(dev.videop2r.model.VisionLanguageModel model,
      boolean freezeVision) {
    var adapters = model.adapters();
    if (adapters.isEmpty()) {
      return of(model.parameters(), freezeVision);
    }
    model.parameters().values().forEach(p -> p.setRequiresGradient(false));
    Map<String, NDArray> trainable = new LinkedHashMap<>(adapters.get().parameters());
    trainable.values().forEach(p -> p.setRequiresGradient(true));
    return trainable;
  }

  /**
   * Like {@link #of(Map)}; with {@code freezeVision} the {@code visual.*} arrays are left out and marked as not
   * requiring a gradient, so the backward pass stops at the merger's output.
   */
  public static Map<String, NDArray> of(Map<String, NDArray> parameters, boolean freezeVision) {
    Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<String, NDArray> distinct = new LinkedHashMap<>();
    for (var e : parameters.entrySet()) {
      if (freezeVision && e.getKey().startsWith(VISION_PREFIX)) {
        e.getValue().setRequiresGradient(false);
        continue;
      }
      if (seen.add(e.getValue())) {
        e.getValue().setRequiresGradient(true);
        distinct.put(e.getKey(), e.getValue());
      }
    }
    if (distinct.isEmpty()) {
      throw new IllegalArgumentException("the model exposes no parameters to train");
    }
    return distinct;
  }
}
