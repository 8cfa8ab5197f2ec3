package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.ParityCheck;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.LoraSpec;
import dev.videop2r.testkit.TestData;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TokenLogProbs;
import dev.videop2r.training.rl.PolicyLoss;
import dev.videop2r.training.sft.SftLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Activation checkpointing changes memory, not gradients: on the tiny-a golden model with its video input (vision
 * blocks and decoder layers both checkpointed, every weight trained), the SFT loss's and the PA-GRPO loss's
 * gradients with {@code setGradientCheckpointing(true)} equal those without within 1e-6, for full fine-tuning and
 * for LoRA with dropout (the recomputation redraws the first pass's masks).
 */
class GradientCheckpointingTest {

  private static final Path GOLDEN = TestData.golden("qwen25vl-tiny-a");
  private static final double TOLERANCE = 1e-6;

  private record Inputs(long[] ids, long[] mask, int rows, int length, List<VisualInputs> visuals) {}

  @Test
  void sftLossGradientsAreTheSameWithCheckpointing() {
    assertSameGradients(GradientCheckpointingTest::sftLoss, false);
  }

  @Test
  void paGrpoLossGradientsAreTheSameWithCheckpointing() {
    assertSameGradients(GradientCheckpointingTest::policyLoss, false);
  }

  @Test
  void loraGradientsWithDropoutAreTheSameWithCheckpointing() {
    assertSameGradients(GradientCheckpointingTest::policyLoss, true);
  }

  /** Checkpointing only engages under a GradientCollector: inference logits are unchanged and nothing is kept. */
  @Test
  void inferenceForwardIsUnaffected() {
    Inputs in = inputs();
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GOLDEN, m, DataType.FLOAT32)) {
      float[] plain = logits(model, in, m);
      model.setGradientCheckpointing(true);
      float[] checkpointed = logits(model, in, m);
      assertEquals(0.0, maxDifference(plain, checkpointed));
    }
  }

  private static float[] logits(QwenVLModel model, Inputs in, NDManager m) {
    try (NDManager step = m.newSubManager()) {
      return model.forward(ids(in, step), mask(in, step), in.visuals()).toFloatArray();
    }
  }

  private static void assertSameGradients(Function<Call, NDArray> loss, boolean lora) {
    Map<String, float[]> plain = gradients(loss, lora, false);
    Map<String, float[]> checkpointed = gradients(loss, lora, true);
    assertEquals(plain.keySet(), checkpointed.keySet());
    int nonZero = 0;
    List<String> differing = new ArrayList<>();
    for (String name : plain.keySet()) {
      float[] a = plain.get(name);
      double scale = 0;
      for (float v : a) {
        scale = Math.max(scale, Math.abs(v));
      }
      nonZero += scale > 0 ? 1 : 0;
      double difference = maxDifference(a, checkpointed.get(name));
      if (!(difference <= TOLERANCE)) {
        differing.add(name + ": max |difference| " + difference + " (max |gradient| " + scale + ")");
      }
    }
    assertTrue(differing.isEmpty(), String.join("\n", differing));
    // Vision, decoder and (full tuning) embedding gradients all reached: the comparison is not of zeros.
    assertTrue(nonZero > plain.size() / 2, nonZero + " of " + plain.size() + " gradients are non-zero");
  }

  /** The arguments a loss is computed from. */
  private record Call(NDArray logits, NDArray ids, Inputs in) {}

  private static Map<String, float[]> gradients(Function<Call, NDArray> loss, boolean lora, boolean checkpointing) {
    Inputs in = inputs();
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GOLDEN, m, DataType.FLOAT32);
        LoraAdapters adapters = lora ? LoraAdapters.init(model.config(),
            new LoraSpec(2, 6, 0.25, Set.copyOf(LoraSpec.DECODER_MODULES)), 3, m) : null) {
      Map<String, NDArray> trained = model.parameters();
      if (adapters != null) {
        model.setAdapters(adapters);
        adapters.parameters().forEach((name, p) -> {
          if (name.endsWith("lora_B.weight")) { // PEFT starts B at zero, which would leave A without a gradient
            p.addi(m.randomNormal(0, 0.2f, p.getShape(), DataType.FLOAT32));
          }
        });
        adapters.seedDropout(7, 1);
        trained = adapters.parameters();
      }
      trained.values().forEach(p -> p.setRequiresGradient(true));
      model.setGradientCheckpointing(checkpointing);
      try (NDManager step = m.newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray ids = ids(in, step);
        NDArray logits = model.forward(ids, mask(in, step), in.visuals());
        model.backward(gc, loss.apply(new Call(logits, ids, in)));
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      trained.forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
      return out;
    }
  }

  /** The SFT loss with the second half of every row's tokens as targets. */
  private static NDArray sftLoss(Call c) {
    Inputs in = c.in();
    int[] padLeft = new int[in.rows()];
    List<SftExample> examples = new ArrayList<>();
    long targets = 0;
    for (int b = 0; b < in.rows(); b++) {
      int pad = 0;
      while (in.mask()[b * in.length() + pad] == 0) {
        pad++;
      }
      padLeft[b] = pad;
      int n = in.length() - pad;
      long[] ids = new long[n];
      boolean[] target = new boolean[n];
      for (int t = 0; t < n; t++) {
        ids[t] = in.ids()[b * in.length() + pad + t];
        target[t] = t >= n / 2;
        targets += target[t] ? 1 : 0;
      }
      examples.add(new SftExample(ids, target, List.of()));
    }
    TokenBatch batch = new TokenBatch(in.ids(), in.mask(), in.rows(), in.length(), padLeft);
    return SftLoss.compute(c.logits(), c.ids(), batch, examples, targets);
  }

  /** PA-GRPO's clipped objective with a KL term on the last 8 positions, varied advantages and old log-probs. */
  private static NDArray policyLoss(Call c) {
    int span = 8;
    Engine.getInstance().setRandomSeed(5); // the same old/reference log-probs and advantages in both runs
    NDArray logp = TokenLogProbs.ofLast(c.logits(), c.ids(), span);
    NDManager m = logp.getManager();
    Shape shape = logp.getShape();
    NDArray detached = logp.stopGradient();
    NDArray old = detached.add(m.randomUniform(-0.3f, 0.3f, shape, DataType.FLOAT32));
    NDArray ref = detached.add(m.randomUniform(-0.5f, 0.5f, shape, DataType.FLOAT32));
    NDArray advantages = m.randomNormal(0, 1, shape, DataType.FLOAT32);
    NDArray weights = m.ones(shape).div((float) shape.size());
    return new PolicyLoss(0.2, 0.2, 0.04).compute(logp, old, ref, advantages, weights).loss();
  }

  private static Inputs inputs() {
    try (SafetensorsFile f = SafetensorsFile.open(GOLDEN.resolve("inputs.safetensors"))) {
      long[] shape = f.info("input_ids").shape();
      return new Inputs(f.longs("input_ids"), f.longs("attention_mask"), (int) shape[0], (int) shape[1],
          ParityCheck.visuals(f));
    }
  }

  private static NDArray ids(Inputs in, NDManager m) {
    return m.create(in.ids(), new Shape(in.rows(), in.length()));
  }

  private static NDArray mask(Inputs in, NDManager m) {
    return m.create(in.mask(), new Shape(in.rows(), in.length()));
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
