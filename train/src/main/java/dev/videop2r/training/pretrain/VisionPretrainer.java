package dev.videop2r.training.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.report.ProgressLine;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.training.loop.DataOrder;
import dev.videop2r.training.loop.Prefetcher;
import dev.videop2r.training.loop.TrainableParameters;
import dev.videop2r.training.optim.AdamW;
import dev.videop2r.training.optim.Gradients;
import dev.videop2r.training.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Dense supervised pretraining of the vision tower and merger ({@code visual.*}): a linear probe per label head
 * on every merged token, trained jointly with the tower by cross-entropy, then thrown away. It stands in for the
 * pretrained ViT and aligned projector a real Qwen2.5-VL starts from, so the decoder meets features that already
 * say what is where. Each head's loss averages the "nothing there" tokens and the labelled tokens separately and
 * weighs them equally: a clip shows one to three shapes among dozens of empty tokens.
 */
public final class VisionPretrainer {

  /** One clip's pixels and its labels {@code [head][merged token]} (class 0 = nothing there). */
  public record LabelledClip(VisualInputs visual, int[][] labels) {}

  /** Produces clip {@code index} of the training set (decoded on demand: pixels for all clips do not fit). */
  @FunctionalInterface
  public interface ClipSource {
    LabelledClip clip(int index) throws IOException;
  }

  /** Per head, the share of labelled tokens (class != 0) the probe got right over the last tenth of the run. */
  public record Result(double lastLoss, double[] labelledAccuracy) {}

  private static final double MAX_GRAD_NORM = 1.0;

  private final QwenVLModel model;
  private final int[] classes;
  private final VisionPretrainSpec config;

  /** @param classes the class count of each label head */
  public VisionPretrainer(QwenVLModel model, int[] classes, VisionPretrainSpec config) {
    InvalidFieldException.check(config.enabled(), "steps", "must be >= 1 to pretrain, got " + config.steps());
    this.model = model;
    this.classes = classes.clone();
    this.config = config;
  }

  public Result train(int clipCount, ClipSource clips, PrintStream err) {
    Map<String, NDArray> params = new LinkedHashMap<>();
    TrainableParameters.of(model.parameters()).forEach((name, p) -> {
      if (name.startsWith(TrainableParameters.VISION_PREFIX)) {
        params.put(name, p);
      } else {
        p.setRequiresGradient(false);
      }
    });
    if (config.gradCheckpoint()) {
      model.setGradientCheckpointing(true);
    }
    NDManager manager = model.manager();
    long hidden = model.config().hiddenSize();
    try (NDManager heads = manager.newSubManager();
        Prefetcher<LabelledClip> data = new Prefetcher<>("vision-pretraining-data", i -> read(clips, i))) {
      List<NDArray> weights = new ArrayList<>();
      // The probes start from the run's seed (not the engine's generator), so a seed gives the same weights.
      SplittableRandom random = new SplittableRandom(config.seed());
      for (int h = 0; h < classes.length; h++) {
        float[] init = new float[Math.toIntExact(classes[h] * hidden)];
        for (int i = 0; i < init.length; i++) {
          init[i] = (float) (random.nextGaussian() / Math.sqrt(hidden));
        }
        NDArray w = heads.create(init, new Shape(classes[h], hidden));
        params.put("probe." + h, w);
        weights.add(w);
      }
      params.values().forEach(p -> p.setRequiresGradient(true));
      AdamW adam = new AdamW(params, new AdamW.Hyper(0.9, 0.999, 1e-8, 0.0));
      LearningRateSchedule schedule = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE,
          config.learningRate(), Math.max(1, config.steps() / 20), config.steps());
      DataOrder order = new DataOrder(clipCount, config.seed(), true, new DataOrder.Position(0, 0));
      ProgressLine bar = ProgressLine.of(new PrintWriter(err), "", 0, "", System.console() != null);
      long[][] tally = new long[classes.length][2];
      double loss = Double.NaN;
      for (int step = 0; step < config.steps(); step++) {
        List<LabelledClip> batch = data.nextStep(order, config.batchClips(), step + 1 == config.steps());
        boolean tallying = step >= config.steps() - Math.max(1, config.steps() / 10);
        loss = step(batch, weights, tallying ? tally : null);
        Gradients.clip(params, Gradients.globalNorm(params), MAX_GRAD_NORM);
        adam.step(schedule.at(step));
        Gradients.zero(params);
        bar.update(step + 1, config.steps(), 0, String.format("loss %.3f", loss));
      }
      for (String name : params.keySet()) {
        if (name.startsWith(TrainableParameters.VISION_PREFIX)) {
          params.get(name).setRequiresGradient(false);
        }
      }
      double[] accuracy = new double[classes.length];
      for (int h = 0; h < classes.length; h++) {
        accuracy[h] = tally[h][1] == 0 ? Double.NaN : tally[h][0] / (double) tally[h][1];
      }
      return new Result(loss, accuracy);
    }
  }

  /** One batch's loss, backpropagated into the tower's and the probe heads' gradients. */
  double step(List<LabelledClip> batch, List<NDArray> weights, long[][] tally) {
    int tokens = 0;
    for (LabelledClip c : batch) {
      tokens += c.labels()[0].length;
    }
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray features = model.visionFeatures(batch.stream().map(LabelledClip::visual).toList(), scope);
      if (features.getShape().get(0) != tokens) {
        throw new IllegalArgumentException("labels cover " + tokens + " tokens but the vision tower made "
            + features.getShape().get(0));
      }
      NDArray total = null;
      for (int h = 0; h < classes.length; h++) {
        int[] labels = new int[tokens];
        int at = 0;
        for (LabelledClip c : batch) {
          System.arraycopy(c.labels()[h], 0, labels, at, c.labels()[h].length);
          at += c.labels()[h].length;
        }
        NDArray logits = features.matMul(weights.get(h).transpose());
        NDArray logp = logits.logSoftmax(-1);
        NDArray target = HostArrays.owned(scope, labels).oneHot(classes[h]).toType(DataType.FLOAT32, false);
        NDArray picked = logp.mul(target).sum(new int[] {1});
        NDArray headLoss = picked.mul(HostArrays.owned(scope, balancedWeights(labels), new Shape(labels.length))).sum().neg();
        total = total == null ? headLoss : total.add(headLoss);
        if (tally != null) {
          count(logits.argMax(-1).toLongArray(), labels, tally[h]);
        }
      }
      model.backward(gc, total); // with checkpointing, also recomputes the blocks and backpropagates through them
      return total.getFloat() / classes.length;
    }
  }

  /** Half the weight on the empty tokens, half on the labelled ones, each spread evenly. */
  private static float[] balancedWeights(int[] labels) {
    int labelled = 0;
    for (int l : labels) {
      labelled += l != 0 ? 1 : 0;
    }
    int empty = labels.length - labelled;
    float[] w = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0) {
        w[i] = 0.5f / labelled;
      } else {
        w[i] = (labelled == 0 ? 1f : 0.5f) / empty;
      }
    }
    return w;
  }

  private static void count(long[] predicted, int[] labels, long[] tally) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0) {
        tally[0] += predicted[i] == labels[i] ? 1 : 0;
        tally[1]++;
      }
    }
  }

  private static LabelledClip read(ClipSource clips, int index) {
    try {
      return clips.clip(index);
    } catch (IOException e) {
      throw new UncheckedIOException("vision pretraining clip " + index + ": " + e.getMessage(), e);
    }
  }
}
