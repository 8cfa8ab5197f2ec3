package dev.videop2r.cli.train;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.LoraSpec;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** LoRA flags of {@code sft} and {@code rl}: with {@code --lora-rank}, only adapters are trained and saved. */
final class LoraOptions {
  @Option(names = "--lora-rank", defaultValue = "0", paramLabel = "R",
      description = "Train LoRA adapters of rank R on the decoder's linear layers instead of the weights; the run "
          + "saves a PEFT adapter (<out>/adapter). 0 = full fine-tuning (default).")
  int rank;

  @Option(names = "--lora-alpha", paramLabel = "ALPHA",
      description = "LoRA alpha; the adapter output is scaled by alpha/R. Default: 2R.")
  Double alpha;

  @Option(names = "--lora-dropout", defaultValue = "0.05", paramLabel = "P",
      description = "Dropout on the adapters' input while training. Default: ${DEFAULT-VALUE}.")
  double dropout;

  @Option(names = "--lora-targets", split = ",", paramLabel = "MODULE",
      description = "Adapted modules (PEFT names). Default: all seven, q_proj,k_proj,v_proj,o_proj,gate_proj,"
          + "up_proj,down_proj. The vision tower and merger are never adapted.")
  List<String> targets = LoraSpec.DECODER_MODULES;

  boolean enabled() {
    return rank > 0;
  }

  /**
   * Attaches new adapters to {@code model} when {@code --lora-rank} is set (their initial values come from
   * {@code seed}; a resumed run loads its checkpoint's over them). Errors name the flag.
   */
  void attach(QwenVLModel model, long seed, NDManager manager) {
    if (!enabled()) {
      if (rank < 0) {
        throw new IllegalArgumentException("--lora-rank must be >= 0, got " + rank);
      }
      return;
    }
    LoraSpec spec;
    try {
      spec = new LoraSpec(rank, alpha == null ? 2.0 * rank : alpha, dropout, new LinkedHashSet<>(targets));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--lora-*: " + e.getMessage(), e);
    }
    model.setAdapters(LoraAdapters.init(model.config(), spec, seed, manager));
  }
}
