package dev.videop2r.bench.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.plan.MemoryPlanner;
import dev.videop2r.model.plan.ModelSizes;
import dev.videop2r.model.plan.RunShape;
import dev.videop2r.training.loop.TokenLogProbs;
import dev.videop2r.training.optim.AdamW;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Checks {@link MemoryPlanner} against a measured peak: one SFT-style step (forward with a video, log-probs of the
 * response, backward, AdamW) of a random float32 model on the CPU, vision frozen. Measured = the process's peak
 * resident set during the step (VmHWM, reset through /proc/self/clear_refs after the weights are in memory) minus
 * the resident set before it; planned = gradients + optimizer moments + the update phase. Run one size per JVM so
 * that freed memory of an earlier run does not hide this one's:
 * {@code MemoryPlanCheck tiny|mid|half [frames 8] [maxPixels 12544] [promptText 64] [response 128] [microBatch 2]
 * [checkpoint false]} (true: activation checkpointing, planned and run).
 */
public final class MemoryPlanCheck {

  private MemoryPlanCheck() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    String size = args.length > 0 ? args[0] : "tiny";
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long maxPixels = args.length > 2 ? Long.parseLong(args[2]) : 16 * 28 * 28;
    int promptText = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int response = args.length > 4 ? Integer.parseInt(args[4]) : 128;
    int micro = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    boolean checkpoint = args.length > 6 && Boolean.parseBoolean(args[6]);
    QwenConfig config = ModelSizes.config(size, ModelSizes.topOfVocabulary(size));
    RunShape shape = new RunShape(config, RunShape.Stage.SFT, frames, maxPixels, promptText, response, 1, micro, 4,
        null, false, false, checkpoint, false);
    MemoryPlanner.Plan plan = MemoryPlanner.plan(shape);
    long planned = plan.persistentBytes() - plan.persistent().getFirst().bytes() + plan.updateBytes();
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(config, 7, manager)) {
      model.setGradientCheckpointing(checkpoint);
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      model.parameters().forEach((name, p) -> {
        boolean train = !name.startsWith("visual.");
        p.setRequiresGradient(train);
        if (train) {
          trainable.put(name, p);
        }
      });
      Batch batch = Batch.of(shape, micro);
      long before = rss("VmRSS");
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      AdamW optimizer = new AdamW(trainable, new AdamW.Hyper(0.9, 0.999, 1e-8, 0.0));
      try (NDManager step = manager.newSubManager()) {
        NDArray ids = step.create(batch.ids(), new Shape(micro, shape.sequenceTokens()));
        NDArray mask = step.ones(ids.getShape(), DataType.INT64);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray logits = model.forward(ids, mask, List.of(batch.video()));
          NDArray loss = TokenLogProbs.ofLast(logits, ids, response).mean().neg();
          model.backward(gc, loss);
        }
        optimizer.step(1e-5);
      }
      long measured = rss("VmHWM") - before;
      System.out.printf(Locale.ROOT, "%s%s: %,d parameters, sequence %,d tokens (%,d video) x %d: planned %.1f MiB, "
          + "measured %.1f MiB, plan/measured %.2f%n", size, checkpoint ? " (checkpointed)" : "", plan.parameters(), shape.sequenceTokens(),
          shape.videoTokens(), micro, planned / 1048576.0, measured / 1048576.0, planned / (double) measured);
    }
  }

  /** Random ids with one video per row (vision_start, pads, vision_end) and the video's pixel rows. */
  private record Batch(long[] ids, VisualInputs video) {

    static Batch of(RunShape s, int rows) {
      QwenConfig c = s.config();
      Random random = new Random(11);
      long perGroup = s.mergedTokensPerGroup();
      long side = (long) Math.floor(Math.sqrt(perGroup));
      while (perGroup % side != 0) {
        side--;
      }
      long[] grid = {s.temporalGroups(), 2 * side, 2 * (perGroup / side)};
      int length = Math.toIntExact(s.sequenceTokens());
      int video = Math.toIntExact(s.videoTokens());
      long[] ids = new long[rows * length];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < length; i++) {
          ids[r * length + i] = random.nextInt(c.vocabSize() - 8);
        }
        ids[r * length + 1] = c.visionStartTokenId();
        for (int i = 0; i < video; i++) {
          ids[r * length + 2 + i] = c.videoTokenId();
        }
        ids[r * length + 2 + video] = c.visionEndTokenId();
      }
      int patchRows = Math.toIntExact(s.visionRows());
      float[] pixels = new float[patchRows * c.vision().patchDim()];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      long[][] grids = new long[rows][];
      float[] seconds = new float[rows];
      float[] all = new float[pixels.length * rows];
      for (int r = 0; r < rows; r++) {
        grids[r] = grid;
        seconds[r] = 1f;
        System.arraycopy(pixels, 0, all, r * pixels.length, pixels.length);
      }
      return new Batch(ids, new VisualInputs(all, new long[] {(long) patchRows * rows, c.vision().patchDim()}, grids,
          seconds, true));
    }
  }

  private static long rss(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("/proc/self/status has no " + field);
  }
}
