package dev.videop2r.bench.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Forward + backward throughput of a small Qwen2.5-VL (bench/model/bench-config.json) on DJL, the Java side of
 * bench/model/train_step_torch.py. Batch: B rows of L tokens, each row one 4-frame 112x112 video (32 video tokens)
 * plus random text; loss = mean token cross-entropy over next-token labels; all parameters require gradients.
 *
 * <p>Usage: {@code TrainStepBench MODEL_DIR [batch 2] [length 256] [warmup 3] [steps 10]}; prints tokens/s.
 */
public final class TrainStepBench {

  private TrainStepBench() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int length = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(dir, manager, DataType.FLOAT32)) {
      BenchBatch b = BenchBatch.create(model.config(), batch, length, 1234);
      NDArray ids = manager.create(b.ids(), new Shape(batch, length));
      NDArray mask = manager.ones(new Shape(batch, length), DataType.INT64);
      NDArray labels = manager.create(b.labels(), new Shape(batch, length, 1));
      VisualInputs video = b.video();
      model.parameters().values().stream().distinct().forEach(p -> p.setRequiresGradient(true));
      for (int i = 0; i < warmup; i++) {
        step(model, ids, mask, labels, video);
      }
      long cpuStart = processCpuNanos();
      long[] wall = new long[steps];
      double loss = 0;
      for (int i = 0; i < steps; i++) {
        long t0 = System.nanoTime();
        loss = step(model, ids, mask, labels, video);
        wall[i] = System.nanoTime() - t0;
      }
      double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / steps;
      java.util.Arrays.sort(wall);
      double medianMs = wall[steps / 2] / 1e6;
      System.out.printf("djl fwd+bwd: batch %d x %d tokens, %d steps: median %.1f ms/step wall -> %.1f tokens/s; "
          + "process CPU %.1f ms/step -> %.1f tokens/CPU-s; loss %.4f; %d cores%n", batch, length, steps, medianMs,
          batch * length / (medianMs / 1000), cpuMs, batch * length / (cpuMs / 1000), loss,
          Runtime.getRuntime().availableProcessors());
      System.out.println("engine: " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    }
  }

  /** CPU time of the whole process (all threads), so a shared, loaded machine can still be compared. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double step(QwenVLModel model, NDArray ids, NDArray mask, NDArray labels, VisualInputs video) {
    double value;
    try (NDManager scope = ids.getManager().newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(ids, mask, List.of(video));
        logits.attach(scope);
        NDArray loss = logits.logSoftmax(-1).gather(labels, -1).mean().neg();
        gc.backward(loss);
        value = loss.getFloat();
      }
      for (NDArray p : model.parameters().values().stream().distinct().toList()) {
        NDArray grad = p.getGradient();
        grad.subi(grad);
      }
    }
    return value;
  }

  /** A deterministic batch: text ids, one video per row (vision_start, pads, vision_end), shifted labels. */
  record BenchBatch(long[] ids, long[] labels, VisualInputs video) {

    static BenchBatch create(dev.videop2r.model.QwenConfig cfg, int batch, int length, long seed) {
      Random random = new Random(seed);
      int patchDim = cfg.vision().patchDim();
      long[] grid = {2, 8, 8};
      int videoTokens = (int) (grid[0] * grid[1] * grid[2] / 4);
      int rows = (int) (grid[0] * grid[1] * grid[2]);
      long[] ids = new long[batch * length];
      long[] labels = new long[batch * length];
      float[] pixels = new float[batch * rows * patchDim];
      long[][] grids = new long[batch][];
      float[] seconds = new float[batch];
      int textBefore = 8;
      for (int b = 0; b < batch; b++) {
        int o = b * length;
        for (int i = 0; i < length; i++) {
          ids[o + i] = random.nextInt(cfg.bosTokenId());
        }
        ids[o + textBefore] = cfg.visionStartTokenId();
        for (int i = 0; i < videoTokens; i++) {
          ids[o + textBefore + 1 + i] = cfg.videoTokenId();
        }
        ids[o + textBefore + 1 + videoTokens] = cfg.visionEndTokenId();
        for (int i = 0; i < length; i++) {
          labels[o + i] = i + 1 < length ? ids[o + i + 1] : ids[o];
        }
        grids[b] = grid;
        seconds[b] = 1f;
      }
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      return new BenchBatch(ids, labels,
          new VisualInputs(pixels, new long[] {(long) batch * rows, patchDim}, grids, seconds, true));
    }
  }
}
