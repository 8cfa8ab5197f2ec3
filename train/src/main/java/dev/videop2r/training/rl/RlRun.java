package dev.videop2r.training.rl;

import ai.djl.ndarray.NDManager;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeCache;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.LoadedPolicy;
import dev.videop2r.training.RlPromptEncoder;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.loop.TrainingCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place an RL run is assembled from its {@link RlSpec}: the policy and tokenizer from
 * {@code inputs.model}, the frozen reference, the rollout engine, the prompt encoder, the segment labeller, the
 * reward scorer and the cached perception judge. {@code rl}, the quickstart and the ablation experiment all open
 * their runs here; what a spec does not describe (how a judge back-end is reached, LoRA adapters, remote rollout
 * servers, a text-only prompt encoder) comes in through {@link Hooks}.
 */
public final class RlRun implements AutoCloseable {
  /** What the command adds to a run. */
  public interface Hooks {
    /** The judge a spec names (the embedded synthetic one, or a remote back-end). */
    Judge judge(JudgeSpec spec);

    /** Called once the policy is loaded, before anything reads it (e.g. to attach LoRA adapters). */
    default void policyLoaded(QwenVLModel policy, NDManager manager) {}

    /**
     * The frozen reference when {@code beta > 0}; by default a second copy of the spec's reference model (a LoRA
     * run returns the policy with its adapters switched off).
     */
    default VisionLanguageModel reference(RlSpec spec, QwenVLModel policy, TrainingInputs inputs,
        NDManager manager) {
      return inputs.load(spec.referenceModel(), manager);
    }

    /** How a sample becomes a rollout prompt; by default the chat template over the spec's media. */
    default RlPromptEncoder encoder(HfTextTokenizer tokenizer, TrainingInputs inputs) {
      return inputs.encoder(tokenizer);
    }

    /** The rollout engine; by default the embedded generator sampling from the policy itself. */
    default RolloutEngine engine(QwenVLModel policy, HfTextTokenizer tokenizer, Path out) {
      return new EmbeddedRolloutEngine(new Generator(policy, policy.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(policy.config())), tokenizer.specialTokens().eos());
    }
  }

  private final RlSpec spec;
  private final Path out;
  private final TrainingInputs inputs;
  private final List<Sample> samples;
  private final LoadedPolicy loaded;
  private final VisionLanguageModel reference;
  private final JudgeCache cache;
  private final RlTrainer trainer;

  private RlRun(RlSpec spec, Path out, Hooks hooks) throws IOException {
    this.spec = spec;
    this.out = out;
    this.inputs = new TrainingInputs(spec.inputs());
    this.samples = inputs.samples(); // before the weights load, so that bad data fails fast
    this.loaded = new LoadedPolicy(inputs, spec.inputs().model(), hooks::policyLoaded);
    QwenVLModel policy = loaded.model();
    HfTextTokenizer tokenizer = loaded.tokenizer();
    this.reference = spec.beta() > 0 ? hooks.reference(spec, policy, inputs, loaded.manager()) : null;
    this.cache = spec.objective().usesJudge() ? openCache() : null;
    Judge judge = cache == null ? null : new CachedJudge(hooks.judge(spec.judge()), cache);
    RlTrainer.Parts parts = new RlTrainer.Parts(policy, reference, hooks.engine(policy, tokenizer, out),
        hooks.encoder(tokenizer, inputs), TemplateSegmentLabeler.forTokenizer(tokenizer, ResponseParser.lenient()),
        new CoreRolloutScorer(spec.reward(), spec.objective()), judge, tokenizer.specialTokens().pad());
    this.trainer = new RlTrainer(parts, spec);
  }

  /** Assembles the run of {@code spec} in {@code out}; the spec must name its model, data and media root. */
  public static RlRun open(RlSpec spec, Path out, Hooks hooks) {
    spec.requirePaths();
    try {
      return new RlRun(spec, out, hooks);
    } catch (IOException e) {
      throw new UncheckedIOException("RL run " + out + ": " + e.getMessage(), e);
    }
  }

  /** The judge's cache: {@code judge.cache}, or {@code <out>/judge-cache.jsonl}. */
  private JudgeCache openCache() throws IOException {
    Path file = spec.judge().cache() != null ? spec.judge().cache() : out.resolve("judge-cache.jsonl");
    Files.createDirectories(file.toAbsolutePath().getParent());
    return JudgeCache.open(file);
  }

  /** Trains on the spec's data, continuing the run in {@code out} when {@code resume}. */
  public RlTrainer.Result train(boolean resume, PrintStream err) {
    return trainer.train(samples, out, resume, err);
  }

  /** Draws the run's curves from its metrics into {@code <out>/plots}; returns the files. */
  public List<Path> curves() {
    return TrainingCurves.draw(out);
  }

  /** The trained policy. */
  public QwenVLModel policy() {
    return loaded.model();
  }

  /** Saves the trained policy (or its adapters) into {@code out}; says where. */
  public String saveFinal() {
    return loaded.saveFinal(out);
  }

  @Override
  public void close() {
    try (loaded) {
      if (reference instanceof AutoCloseable c && reference != loaded.model()) {
        c.close();
      }
      if (cache != null) {
        cache.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("closing RL run " + out + ": " + e.getMessage(), e);
    }
  }
}
