package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backward pass that runs after the JVM has collected garbage still sees the forward's inputs. DJL's CPU arrays
 * made from Java data (and the scalar tensor of {@code x.mul(number)}, which DJL closes at once) borrow a direct
 * ByteBuffer that only the Java array object keeps alive, while autograd may save them for the backward (gather
 * indices, the pixel rows of the patch-embed matmul, the attention scale). With nothing keeping them alive, a GC
 * between forward and backward freed that memory and the backward read whatever reused it: before the fix this
 * test failed with "index 139995167780131 is out of bounds" (forward scope closed early) and, with that fixed,
 * with wrong vision gradients (attention scale). In the quickstart it surfaced as an intermittent "gradient norm
 * is NaN" at an RL step.
 */
class BackwardLifetimeTest {

  private static final List<String> PROBED = List.of("visual.patch_embed.proj.weight", "model.embed_tokens.weight",
      "visual.blocks.0.attn.qkv.weight");

  @Test
  void gradientsDoNotChangeWhenGarbageIsCollectedBetweenForwardAndBackward() throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(GoldenInputs.DIR, manager, DataType.FLOAT32)) {
      GoldenInputs in = GoldenInputs.load(manager);
      for (String name : PROBED) {
        model.parameters().get(name).setRequiresGradient(true);
      }
      List<float[]> quiet = gradients(model, in, manager, false);
      List<float[]> collected = gradients(model, in, manager, true);
      for (int i = 0; i < PROBED.size(); i++) {
        assertArrayEquals(quiet.get(i), collected.get(i), PROBED.get(i));
      }
    }
  }

  private static List<float[]> gradients(QwenVLModel model, GoldenInputs in, NDManager manager, boolean churn)
      throws InterruptedException {
    List<ByteBuffer> garbage = new ArrayList<>();
    try (NDManager step = manager.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray ids = in.ids().duplicate();
      ids.attach(step);
      NDArray loss = model.forward(ids, in.mask(), in.visuals()).sum();
      if (churn) {
        collectAndReuse(in, garbage);
      }
      gc.backward(loss);
    }
    List<float[]> grads = new ArrayList<>();
    for (String name : PROBED) {
      try (NDArray g = model.parameters().get(name).getGradient()) {
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
