package dev.videop2r.training.sft;

import ai.djl.ndarray.NDManager;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.training.LoadedPolicy;
import dev.videop2r.training.SftEncoder;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.loop.TrainingCurves;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place an SFT run is assembled from its {@link SftSpec}: the dataset, the policy and tokenizer from
 * {@code inputs.model}, and the conversation encoder. {@code sft}, the quickstart's supervised stages and the
 * ablation experiment open their runs here; what a spec does not describe (LoRA adapters, another encoder such
 * as the quickstart's caption stage) comes in through {@link Hooks}.
 */
public final class SftRun implements AutoCloseable {
  /** What the caller adds to a run. */
  public interface Hooks {
    /** No additions: full fine-tuning with the spec's conversation encoder. */
    Hooks NONE = new Hooks() {};

    /** Called once the policy is loaded, before anything reads it (e.g. to attach LoRA adapters). */
    default void policyLoaded(QwenVLModel policy, NDManager manager) {}

    /** How a sample becomes a training conversation; by default the chat template over the spec's media. */
    default SftEncoder encoder(HfTextTokenizer tokenizer, TrainingInputs inputs) {
      return inputs.encoder(tokenizer);
    }
  }

  private final SftSpec spec;
  private final Path out;
  private final TrainingInputs inputs;
  private final List<Sample> samples;
  private final LoadedPolicy policy;
  private final SftEncoder encoder;

  private SftRun(SftSpec spec, Path out, Hooks hooks) {
    this.spec = spec;
    this.out = out;
    this.inputs = new TrainingInputs(spec.inputs());
    this.samples = inputs.samples(); // before the weights load, so that bad data fails fast
    this.policy = new LoadedPolicy(inputs, spec.inputs().model(), hooks::policyLoaded);
    this.encoder = hooks.encoder(policy.tokenizer(), inputs);
  }

  /** Assembles the run of {@code spec} in {@code out}; the spec must name its model, data and media root. */
  public static SftRun open(SftSpec spec, Path out, Hooks hooks) {
    spec.requirePaths();
    return new SftRun(spec, out, hooks);
  }

  /** Trains on the spec's data, continuing the run in {@code out} when {@code resume}. */
  public SftTrainer.Result train(boolean resume, PrintStream err) {
    return new SftTrainer(policy.model(), spec, policy.tokenizer().specialTokens().pad())
        .train(samples, encoder, out, resume, err);
  }

  /** Draws the run's curves from its metrics into {@code <out>/plots}; returns the files. */
  public List<Path> curves() {
    return TrainingCurves.draw(out);
  }

  /** The trained policy. */
  public QwenVLModel policy() {
    return policy.model();
  }

  /** Saves the trained policy (or its adapters) into {@code out}; says where. */
  public String saveFinal() {
    return policy.saveFinal(out);
  }

  @Override
  public void close() {
    policy.close();
  }
}
