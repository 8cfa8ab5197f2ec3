package dev.videop2r.training;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * The policy a run trains, with its tokenizer and the manager that owns its weights: what {@code SftRun} and
 * {@code RlRun} both open first from the spec's {@code inputs.model}, save at the end and close.
 */
public final class LoadedPolicy implements AutoCloseable {
  private final TrainingInputs inputs;
  private final NDManager manager;
  private final HfTextTokenizer tokenizer;
  private final QwenVLModel model;

  /**
   * Loads the weights in {@code dir} (the spec's {@code inputs.model}) and the tokenizer beside them;
   * {@code loaded} sees the policy before anything else reads it (e.g. to attach LoRA adapters).
   */
  public LoadedPolicy(TrainingInputs inputs, Path dir, BiConsumer<QwenVLModel, NDManager> loaded) {
    this.inputs = inputs;
    this.manager = inputs.newManager();
    this.tokenizer = inputs.tokenizer();
    this.model = inputs.load(dir, manager);
    loaded.accept(model, manager);
  }

  public QwenVLModel model() {
    return model;
  }

  public HfTextTokenizer tokenizer() {
    return tokenizer;
  }

  public NDManager manager() {
    return manager;
  }

  /** Saves the trained policy (or its adapters) into {@code out}; says where. */
  public String saveFinal(Path out) {
    return inputs.saveFinal(model, out);
  }

  @Override
  public void close() {
    try (manager; tokenizer) {
      model.close();
    }
  }
}
