package dev.videop2r.model.lora;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A LoRA configuration: each adapted linear layer {@code W} of the language model becomes
 * {@code W + (alpha / rank) · B · A}, with {@code A} {@code [rank, in]} and {@code B} {@code [out, rank]}, and
 * {@code dropout} applied to the layer's input on the adapter's path only (as PEFT does).
 *
 * @param targets PEFT module names among {@link #DECODER_MODULES}; the vision tower and merger are never adapted
 */
public record LoraSpec(int rank, double alpha, double dropout, Set<String> targets) {

  /** The Qwen2 decoder's linear layers, by PEFT module name. */
  public static final List<String> DECODER_MODULES =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  public LoraSpec {
    if (rank < 1) {
      throw new IllegalArgumentException("lora rank must be >= 1, got " + rank);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("lora alpha must be > 0, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("lora dropout must be in [0, 1), got " + dropout);
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("lora targets must name at least one of " + DECODER_MODULES);
    }
    for (String t : targets) {
      if (!DECODER_MODULES.contains(t)) {
        throw new IllegalArgumentException("unknown lora target '" + t + "' (known: " + DECODER_MODULES + ")");
      }
    }
    targets = new TreeSet<>(targets);
  }

  /** PEFT's scaling of the adapter's output. */
  public double scaling() {
    return alpha / rank;
  }

  /** The checkpoint name of an adapted weight: {@code model.layers.3.self_attn.q_proj.weight}. */
  static String weightName(int layer, String module) {
    String block = module.endsWith("_proj") && (module.startsWith("gate") || module.startsWith("up")
        || module.startsWith("down")) ? "mlp" : "self_attn";
    return "model.layers." + layer + "." + block + "." + module + ".weight";
  }
}
