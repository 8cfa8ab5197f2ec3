package dev.videop2r.training.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.videop2r.data.Sample;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.SftEncoder;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.loop.Prefetcher;
import dev.videop2r.training.loop.RunIdentity;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TrainableParameters;
import dev.videop2r.training.loop.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised fine-tuning on process-aware CoT conversations: each optimizer step reads
 * batch·accumulation samples in the run's seeded order, encodes them (chat template, media), groups them into
 * micro-batches by length, left-pads each micro-batch to its own longest row, and backpropagates the
 * assistant-token cross-entropy ({@link SftLoss}).
 */
public final class SftTrainer {
  /** What a finished run left: the final checkpoint and the last step's loss. */
  public record Result(Path finalCheckpoint, int steps, double lastLoss) {}

  private final VisionLanguageModel model;
  private final SftSpec config;
  private final long padId;

  public SftTrainer(VisionLanguageModel model, SftSpec config, long padId) {
    this.model = model;
    this.config = config;
    this.padId = padId;
    if (config.gradCheckpoint()) {
      model.setGradientCheckpointing(true);
    }
  }

  public Result train(List<Sample> samples, SftEncoder encoder, Path runDir, boolean resume, PrintStream err) {
    Map<String, NDArray> params = TrainableParameters.forTraining(model, config.freezeVision());
    NDManager manager = params.values().iterator().next().getManager();
    int total = config.totalSteps(samples.size());
    double[] lastLoss = {Double.NaN};
    int perStep = config.batchSize() * config.gradientAccumulation();
    try (TrainingRun run = TrainingRun.open(runDir, params, config.optimizer(), total,
        RunIdentity.of("sft", config, model, samples), samples.size(), config.shuffle(), resume, manager, err);
        Prefetcher<SftExample> data = new Prefetcher<>("sft-data", i -> encode(encoder, samples.get(i)))) {
      Specs.writeYaml(config, runDir.resolve("config.yaml"));
      Path last = run.train(step -> {
        model.adapters().ifPresent(a -> a.seedDropout(config.optimizer().seed(), step));
        long t0 = System.nanoTime();
        List<SftExample> examples = data.nextStep(run.data(), perStep, step + 1 == total);
        long stepTokens = examples.stream().mapToLong(SftExample::targetTokens).sum();
        List<List<SftExample>> micro = microBatches(examples);
        if (stepTokens == 0) {
          throw new IllegalArgumentException("step " + (step + 1) + ": no assistant tokens to train on");
        }
        long t1 = System.nanoTime();
        double loss = 0;
        double padding = 0;
        for (List<SftExample> batch : micro) {
          TokenBatch tokens = TokenBatch.leftPadded(batch.stream().map(SftExample::ids).toList(), padId);
          padding += tokens.paddingFraction() / micro.size();
          loss += backward(manager, tokens, batch, stepTokens);
        }
        long t2 = System.nanoTime();
        lastLoss[0] = loss;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("padding_fraction", padding);
        metrics.put("time/data_s", (t1 - t0) / 1e9); // waiting for the prefetched batch, plus grouping
        metrics.put("time/forward_backward_s", (t2 - t1) / 1e9);
        return new TrainingRun.StepOutcome(loss, stepTokens, metrics);
      });
      return new Result(last, total, lastLoss[0]);
    }
  }

  /**
   * The step's examples sorted by length, then cut into micro-batches: similar lengths share a micro-batch, so
   * less padding. The step's loss is a sum over its examples normalised by the step's token count, so the order
   * does not change the gradient.
   */
  private List<List<SftExample>> microBatches(List<SftExample> examples) {
    List<SftExample> sorted = new ArrayList<>(examples);
    sorted.sort(java.util.Comparator.comparingInt(e -> e.ids().length));
    List<List<SftExample>> micro = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += config.batchSize()) {
      micro.add(sorted.subList(from, Math.min(sorted.size(), from + config.batchSize())));
    }
    return micro;
  }

  private double backward(NDManager manager, TokenBatch tokens, List<SftExample> batch, long stepTokens) {
    List<VisualInputs> visuals = new ArrayList<>();
    batch.forEach(e -> visuals.addAll(e.visuals()));
    try (NDManager scope = manager.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray ids = tokens.idsArray(scope);
      NDArray logits = model.forward(ids, tokens.maskArray(scope), visuals);
      NDArray loss = SftLoss.compute(logits, ids, tokens, batch, stepTokens);
      model.backward(gc, loss);
      return loss.getFloat();
    }
  }

  private static SftExample encode(SftEncoder encoder, Sample sample) {
    try {
      return encoder.encode(sample);
    } catch (IOException e) {
      throw new UncheckedIOException("sample " + sample.problemId() + ": " + e.getMessage(), e);
    }
  }
}
