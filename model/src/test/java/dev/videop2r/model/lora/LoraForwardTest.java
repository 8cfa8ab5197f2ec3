package dev.videop2r.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.QwenVLModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraForwardTest {

  private static final long[] IDS = {3, 17, 5, 42, 8, 11, 29, 4, 50, 7, 13, 2};

  private static float[] logits(dev.videop2r.model.VisionLanguageModel model, NDManager m) {
    try (NDManager scope = m.newSubManager()) {
      NDArray ids = scope.create(IDS, new Shape(2, 6));
      return model.forward(ids, scope.ones(ids.getShape(), DataType.INT64), List.of()).toFloatArray();
    }
  }

  /** Adapters on every decoder linear with non-zero B, so that each one changes the output. */
  private static LoraAdapters trainedLooking(NDManager m) {
    LoraAdapters adapters = LoraAdapters.init(PeftFormatTest.CONFIG,
        new LoraSpec(3, 6, 0.0, Set.copyOf(LoraSpec.DECODER_MODULES)), 5, m);
    adapters.parameters().forEach((name, p) -> {
      if (name.endsWith("lora_B.weight")) {
        p.addi(m.randomNormal(0, 0.2f, p.getShape(), DataType.FLOAT32));
      }
    });
    return adapters;
  }

  @Test
  void separateAdaptersComputeWhatTheMergedCheckpointComputes(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel base = QwenVLModel.init(PeftFormatTest.CONFIG, 1, m);
        LoraAdapters adapters = trainedLooking(m)) {
      float[] plain = logits(base, m);
      base.setAdapters(adapters);
      float[] adapted = logits(base, m);
      base.setAdapters(null);
      assertArrayEquals(plain, logits(base, m), "removing the adapters restores the base model exactly");

      PeftFormat.save(adapters, dir.resolve("adapter"), "test");
      base.save(dir.resolve("base"));
      try (QwenVLModel merged = QwenVLModel.load(dir.resolve("base"), dir.resolve("adapter"), m, DataType.FLOAT32)) {
        float[] mergedLogits = logits(merged, m);
        double maxDiff = 0;
        double maxChange = 0;
        for (int i = 0; i < plain.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(mergedLogits[i] - adapted[i]));
          maxChange = Math.max(maxChange, Math.abs(adapted[i] - plain[i]));
        }
        assertTrue(maxDiff < 1e-5, "merged vs base + adapters: max |diff| " + maxDiff);
        assertTrue(maxChange > 1e-3, "the adapters must change the logits, max change " + maxChange);
      }
    }
  }

  @Test
  void switchedOffAdaptersAreTheBaseModel() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(PeftFormatTest.CONFIG, 2, m);
        LoraAdapters adapters = trainedLooking(m)) {
      float[] plain = logits(model, m);
      model.setAdapters(adapters);
      adapters.setEnabled(false);
      assertArrayEquals(plain, logits(model, m));
      // The reference view runs the base model and leaves the adapters as it found them (here: off).
      AdaptersOff reference = new AdaptersOff(model);
      assertArrayEquals(plain, logits(reference, m));
      assertFalse(adapters.enabled(), "a reference call must not switch the adapters back on");
      adapters.setEnabled(true);
      float[] on = logits(model, m);
      assertArrayEquals(plain, logits(reference, m));
      assertTrue(adapters.enabled());
      assertTrue(Math.abs(on[0] - plain[0]) + Math.abs(on[100] - plain[100]) > 0);
    }
  }

  @Test
  void gradientsReachOnlyTheAdaptersAndTrainingLowersTheLoss() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(PeftFormatTest.CONFIG, 4, m);
        LoraAdapters adapters = LoraAdapters.init(PeftFormatTest.CONFIG,
            new LoraSpec(4, 8, 0.0, Set.of("q_proj", "v_proj", "up_proj", "down_proj")), 3, m)) {
      model.parameters().values().forEach(p -> p.setRequiresGradient(false));
      adapters.parameters().values().forEach(p -> p.setRequiresGradient(true));
      model.setAdapters(adapters);
      float first = 0;
      float last = 0;
      for (int step = 0; step < 30; step++) {
        try (NDManager scope = m.newSubManager()) {
          NDArray ids = scope.create(IDS, new Shape(2, 6));
          float loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(ids, scope.ones(ids.getShape(), DataType.INT64), List.of());
            // Next-token cross-entropy on a fixed batch: memorising it needs the adapters only.
            NDArray logp = logits.get(":, :-1, :").logSoftmax(-1)
                .gather(ids.get(":, 1:").expandDims(-1), -1);
            NDArray value = logp.mean().neg();
            gc.backward(value);
            loss = value.getFloat();
          }
          if (step == 0) {
            first = loss;
            assertFalse(model.parameters().get("model.layers.0.self_attn.q_proj.weight").hasGradient());
            NDArray bGrad = adapters.parameters().get("model.layers.1.mlp.down_proj.lora_B.weight").getGradient();
            assertTrue(bGrad.abs().sum().getFloat() > 0, "B gets a gradient at step 0 (A is random)");
          }
          last = loss;
          for (NDArray p : adapters.parameters().values()) {
            NDArray grad = p.getGradient();
            p.subi(grad.sign().mul(0.02f)); // sign descent: scale-free on a near-uniform start
            grad.subi(grad);
          }
        }
      }
      assertTrue(last < 0.95 * first, "loss " + first + " -> " + last);
      assertEquals(16, adapters.parameters().size());
    }
  }
}
