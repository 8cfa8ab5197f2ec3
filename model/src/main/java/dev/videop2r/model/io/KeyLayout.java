package dev.videop2r.model.io;

/**
 * How a Qwen2.5-VL checkpoint names its decoder. The published checkpoints (and transformers < 4.52) use
 * {@code model.layers.N.…}; transformers ≥ 4.52 builds the decoder as {@code model.language_model}, and PEFT names
 * an adapter's keys after the modules it wraps, so an adapter trained there reads
 * {@code base_model.model.model.language_model.layers.N.…}. Both load here; an adapter is written in its base
 * checkpoint's layout.
 */
public enum KeyLayout {
  /** {@code model.layers.N.…} (Qwen's published checkpoints, transformers < 4.52). */
  PUBLISHED("model."),
  /** {@code model.language_model.layers.N.…} (transformers ≥ 4.52). */
  LANGUAGE_MODEL("model.language_model.");

  private final String decoderPrefix;

  KeyLayout(String decoderPrefix) {
    this.decoderPrefix = decoderPrefix;
  }

  /** {@code name} (canonical: {@code model.layers.…}, {@code visual.…}) as this layout spells a decoder tensor. */
  public String decoderName(String name) {
    return name.startsWith(PUBLISHED.decoderPrefix) ? decoderPrefix + name.substring(PUBLISHED.decoderPrefix.length())
        : name;
  }
}
