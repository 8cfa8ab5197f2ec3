package dev.videop2r.bench.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.training.optim.Gradients;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Forward + backward of a small Qwen2.5-VL (bench/model/bench-config.json) on DJL, the Java side of
 * bench/model/train_step_torch.py: the batch of a {@link BenchBatch} file, loss = mean next-token cross-entropy,
 * backward, gradients cleared; all parameters require gradients. Run by {@link TrainStepComparison}
 * ({@code bin/bench train-step}), which starts it with libtorch on one intra-op thread.
 *
 * <p>Usage: {@code TrainStepBench MODEL_DIR BATCH_FILE WARMUP STEPS [PROFILE.json]}. Prints a readable line and
 * a {@code result} line; with a profile path, three more steps run under libtorch's profiler (a Chrome trace).
 */
public final class TrainStepBench {

  private TrainStepBench() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: TrainStepBench MODEL_DIR BATCH_FILE WARMUP STEPS [PROFILE.json]");
    }
    Path dir = Path.of(args[0]);
    BenchBatch b = BenchBatch.read(Path.of(args[1]));
    int warmup = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.load(dir, manager, DataType.FLOAT32)) {
      NDArray ids = manager.create(b.ids(), new Shape(b.batch(), b.length()));
      NDArray mask = manager.ones(new Shape(b.batch(), b.length()), DataType.INT64);
      NDArray labels = manager.create(b.labels(), new Shape(b.batch(), b.length(), 1));
      List<NDArray> parameters = model.parameters().values().stream().distinct().toList();
      parameters.forEach(p -> p.setRequiresGradient(true));
      Runnable step = () -> step(model, parameters, ids, mask, labels, b);
      for (int i = 0; i < warmup; i++) {
        step.run();
      }
      long cpuStart = BenchClock.processCpuNanos();
      long threadStart = BenchClock.threadCpuNanos();
      long jitStart = BenchClock.compilationMillis();
      long[] wall = new long[steps];
      double loss = 0;
      for (int i = 0; i < steps; i++) {
        long t0 = System.nanoTime();
        loss = step(model, parameters, ids, mask, labels, b);
        wall[i] = System.nanoTime() - t0;
      }
      double cpuMs = (BenchClock.processCpuNanos() - cpuStart) / 1e6 / steps;
      double threadMs = (BenchClock.threadCpuNanos() - threadStart) / 1e6 / steps;
      double jitMs = jitStart < 0 ? Double.NaN : (BenchClock.compilationMillis() - jitStart) / (double) steps;
      Arrays.sort(wall);
      double medianMs = wall[steps / 2] / 1e6;
      int tokens = b.batch() * b.length();
      System.out.printf("djl fwd+bwd: batch %d x %d, %d steps: median %.1f ms/step wall; process CPU %.1f ms/step "
          + "(training thread %.1f, JIT compiling %.1f) -> %.1f tokens/CPU-s; loss %.4f; %s %s%n", b.batch(),
          b.length(), steps, medianMs, cpuMs, threadMs, jitMs, tokens / (cpuMs / 1000), loss,
          Engine.getInstance().getEngineName(), Engine.getInstance().getVersion());
      System.out.printf("result cpu_ms=%.3f thread_ms=%.3f jit_ms=%.3f wall_ms=%.3f loss=%.6f%n", cpuMs, threadMs,
          jitMs, medianMs, loss);
      if (args.length > 4) {
        JniUtils.startProfile(false, true, false);
        for (int i = 0; i < 3; i++) {
          step.run();
        }
        JniUtils.stopProfile(args[4]);
      }
    }
  }

  private static double step(QwenVLModel model, List<NDArray> parameters, NDArray ids, NDArray mask,
      NDArray labels, BenchBatch b) {
    double value;
    try (NDManager scope = ids.getManager().newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(ids, mask, List.of(b.video()));
        logits.attach(scope);
        NDArray loss = logits.logSoftmax(-1).gather(labels, -1).mean().neg();
        gc.backward(loss);
        value = loss.getFloat();
      }
      // Dropped like PyTorch's side (.grad = None), as the trainers clear them.
      parameters.forEach(Gradients::clear);
    }
    return value;
  }
}
