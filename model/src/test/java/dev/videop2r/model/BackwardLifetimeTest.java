package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.LoraSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backward pass that runs after the JVM has collected garbage still sees the forward's inputs. DJL's CPU arrays
 * made from Java data (and the scalar tensor of {@code x.mul(number)}, which DJL closes at once) borrow a direct
 * ByteBuffer that only the Java array object keeps alive, while autograd may save them for the backward (gather
 * indices, the pixel rows of the patch-embed matmul, the attention scale). With nothing keeping them alive, a GC
 * between forward and backward freed that memory and the backward read whatever reused it: before the fix this
 * test failed with "index 139995167780131 is out of bounds" (forward scope closed early) and, with that fixed,
 * with wrong vision gradients (attention scale). In the quickstart it surfaced as an intermittent "gradient norm
 * is NaN" at an RL step. The fix that kept every intermediate alive until the caller's manager closed cost 3.7x
 * the CPU time of a training step; the forward now releases its intermediates on return and hands autograd
 * libtorch-owned copies of what it made from Java data, so this runs the collection many times.
 */
class BackwardLifetimeTest {

  private static final List<String> PROBED = List.of("visual.patch_embed.proj.weight", "model.embed_tokens.weight",
      "visual.blocks.0.attn.qkv.weight", "visual.merger.mlp.0.weight", "model.layers.0.self_attn.q_proj.weight");
  private static final int COLLECTED_ROUNDS = 8;

  @Test
  void gradientsDoNotChangeWhenGarbageIsCollectedBetweenForwardAndBackward() throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      for (String name : PROBED) {
        model.parameters().get(name).setRequiresGradient(true);
      }
      List<float[]> quiet = gradients(model, in, manager, false, model.parameters(), PROBED);
      for (int round = 0; round < COLLECTED_ROUNDS; round++) {
        List<float[]> collected = gradients(model, in, manager, true, model.parameters(), PROBED);
        for (int i = 0; i < PROBED.size(); i++) {
          assertArrayEquals(quiet.get(i), collected.get(i), PROBED.get(i) + ", round " + round);
        }
      }
    }
  }

  /**
   * The same with LoRA adapters (scaling and dropout multiply by scalars that the backward saves): before their
   * scalars were libtorch-owned, a collection freed them under the graph once the forward's scope was closed.
   */
  @Test
  void adapterGradientsDoNotChangeWhenGarbageIsCollectedBetweenForwardAndBackward() throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32);
        LoraAdapters adapters = LoraAdapters.init(model.config(),
            new LoraSpec(2, 6, 0.25, Set.copyOf(LoraSpec.DECODER_MODULES)), 3, manager)) {
      GoldenInputs in = GoldenInputs.load(manager);
      model.setAdapters(adapters);
      List<String> probed = List.of("model.layers.0.self_attn.q_proj.lora_A.weight",
          "model.layers.1.mlp.down_proj.lora_B.weight");
      adapters.parameters().forEach((name, p) -> {
        if (name.endsWith("lora_B.weight")) { // PEFT starts B at zero, which would leave A without a gradient
          p.addi(manager.randomNormal(0, 0.2f, p.getShape(), DataType.FLOAT32));
        }
        p.setRequiresGradient(true);
      });
      List<float[]> quiet = gradients(model, in, manager, false, adapters.parameters(), probed);
      for (int round = 0; round < COLLECTED_ROUNDS; round++) {
        List<float[]> collected = gradients(model, in, manager, true, adapters.parameters(), probed);
        for (int i = 0; i < probed.size(); i++) {
          assertArrayEquals(quiet.get(i), collected.get(i), probed.get(i) + ", round " + round);
        }
      }
    }
  }

  /**
   * With activation checkpointing the forward keeps its scope (layer inputs, masks, rotary tables) until the
   * backward recomputes the layers: collections in between must not free what the recomputation reads.
   */
  @Test
  void checkpointedGradientsDoNotChangeWhenGarbageIsCollectedBetweenForwardAndBackward()
      throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      for (String name : PROBED) {
        model.parameters().get(name).setRequiresGradient(true);
      }
      List<float[]> plain = gradients(model, in, manager, false, model.parameters(), PROBED);
      model.setGradientCheckpointing(true);
      for (int round = 0; round < 2; round++) {
        List<float[]> collected = gradients(model, in, manager, true, model.parameters(), PROBED);
        for (int i = 0; i < PROBED.size(); i++) {
          for (int j = 0; j < plain.get(i).length; j++) {
            assertEquals(plain.get(i)[j], collected.get(i)[j], 1e-6, PROBED.get(i) + "[" + j + "], round " + round);
          }
        }
      }
    }
  }

  /** Checkpointing engages: the forward's scope outlives the call until the backward has replayed the layers. */
  @Test
  void checkpointedForwardKeepsItsScopeUntilTheBackward() {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      model.setGradientCheckpointing(true);
      try (NDManager step = manager.newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray ids = in.ids().duplicate();
        ids.attach(step);
        NDArray loss = model.forward(ids, in.mask(), in.visuals()).sum();
        int kept = step.getManagedArrays().size();
        model.backward(gc, loss);
        int after = step.getManagedArrays().size();
        assertTrue(kept > after + 10, "arrays under the step's manager: " + kept + " before the backward, " + after
            + " after");
        assertTrue(after <= 4, "ids, logits, loss and backward's seed gradient at most are left: " + after);
      }
    }
  }

  /** Only the logits outlive the call on the Java side; everything the backward needs the graph holds itself. */
  @Test
  void forwardReleasesItsIntermediatesOnReturn() {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      try (NDManager step = manager.newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray ids = in.ids().duplicate();
        ids.attach(step);
        NDArray logits = model.forward(ids, in.mask(), in.visuals());
        List<NDArray> left = step.getManagedArrays();
        assertEquals(2, left.size(), "arrays left in the caller's manager: " + left.size());
        assertTrue(left.stream().anyMatch(a -> a == ids) && left.stream().anyMatch(a -> a == logits));
        gc.backward(logits.sum());
      }
    }
  }

  /** Gradients of the probed parameters after one forward + backward (dropout seeded: every run draws alike). */
  private static List<float[]> gradients(QwenVLModel model, GoldenInputs in, NDManager manager, boolean churn,
      Map<String, NDArray> parameters, List<String> probed) throws InterruptedException {
    List<ByteBuffer> garbage = new ArrayList<>();
    model.adapters().ifPresent(a -> a.seedDropout(11, 0));
    try (NDManager step = manager.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray ids = in.ids().duplicate();
      ids.attach(step);
      NDArray loss = model.forward(ids, in.mask(), in.visuals()).sum();
      if (churn) {
        collectAndReuse(in, garbage);
      }
      model.backward(gc, loss);
    }
    List<float[]> grads = new ArrayList<>();
    for (String name : probed) {
      try (NDArray g = parameters.get(name).getGradient()) {
        grads.add(g.toFloatArray());
        g.muli(0);
      }
    }
    return grads;
  }

  /**
   * Frees what the forward left unreachable (GC, then the cleaner thread releases direct buffers), then allocates
   * buffers of the same sizes filled with 0xFF (NaN as float, -1 as an index) so freed memory is reused.
   */
  private static void collectAndReuse(GoldenInputs in, List<ByteBuffer> garbage) throws InterruptedException {
    long pixels = in.visuals().stream().mapToLong(v -> v.pixelValues().length).sum();
    long rows = in.visuals().stream().mapToLong(v -> v.pixelShape()[0]).sum();
    long slots = in.ids().getShape().size();
    long[] sizes = {pixels * 4, slots * 8, rows * 4, rows * 8, rows, rows / 4 * 4, rows / 4 * 8, slots * 4};
    byte[] ones = new byte[(int) Arrays.stream(sizes).max().orElseThrow()];
    Arrays.fill(ones, (byte) 0xFF);
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(20); // the cleaner thread frees collected direct buffers asynchronously
      for (long size : sizes) {
        for (int copy = 0; copy < 4; copy++) {
          ByteBuffer b = ByteBuffer.allocateDirect((int) size);
          b.put(ones, 0, (int) size);
          garbage.add(b);
        }
      }
    }
  }
}
