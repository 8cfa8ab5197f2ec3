package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.qwen.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares a model's forward (and greedy decoding) against reference tensors in the golden-fixture format:
 * {@code inputs.safetensors} (input_ids, attention_mask, pixel_values/image_grid_thw,
 * pixel_values_videos/video_grid_thw/second_per_grid_ts) and {@code expected.safetensors} (named intermediates,
 * logits, greedy_tokens, greedy_step_logits, decode_position_ids). Float tensors of shape {@code [B, L, ...]} are
 * compared only where attention_mask is 1; integer tensors must match exactly.
 */
public final class ParityCheck {

  /** Absolute tolerances: vision tensors (names starting image_/video_) and everything else. */
  public record Tolerances(double vision, double text) {
    public static final Tolerances GOLDEN = new Tolerances(2e-4, 1e-3);

    double of(String name) {
      return VISION.matcher(name).lookingAt() ? vision : text;
    }
  }

  private static final Pattern VISION = Pattern.compile("(image|video)_");

  /**
   * One tensor's comparison. {@code maxRel} is maxAbs divided by the largest |expected| value (scale-relative).
   * {@code problem} is non-null when the tensor could not be compared (missing, shape mismatch).
   */
  public record Diff(String name, double maxAbs, double maxRel, double tolerance, boolean integer, String problem) {
    public boolean passed() {
      return problem == null && maxAbs <= tolerance;
    }
  }

  private ParityCheck() {}

  public static List<Diff> run(VisionLanguageModel model, Path inputsFile, Path expectedFile, Tolerances tol,
      NDManager manager) {
    try (SafetensorsFile inputs = SafetensorsFile.open(inputsFile);
        SafetensorsFile expected = SafetensorsFile.open(expectedFile)) {
      return run(model, inputs, expected, tol, manager);
    }
  }

  private static List<Diff> run(VisionLanguageModel model, SafetensorsFile inputs, SafetensorsFile expected,
      Tolerances tol, NDManager manager) {
    long[] idsShape = inputs.info("input_ids").shape();
    long[] ids = inputs.longs("input_ids");
    long[] mask = ones(ids.length);
    if (inputs.contains("attention_mask")) {
      long[] maskShape = inputs.info("attention_mask").shape();
      if (!Arrays.equals(maskShape, idsShape)) {
        throw new IllegalArgumentException(inputs.path() + ": attention_mask must have the shape of input_ids:"
            + " expected " + Arrays.toString(idsShape) + ", got " + Arrays.toString(maskShape));
      }
      mask = inputs.longs("attention_mask");
    }
    List<VisualInputs> visuals = visuals(inputs);
    Trace trace = new Trace();
    List<Diff> diffs = new ArrayList<>();
    try (NDManager scope = manager.newSubManager()) {
      NDArray idArray = scope.create(ids, new Shape(idsShape));
      NDArray maskArray = scope.create(mask, new Shape(idsShape));
      if (model instanceof QwenVLModel qwen) {
        qwen.forward(idArray, maskArray, visuals, trace);
      } else {
        trace = null;
        model.forward(idArray, maskArray, visuals);
      }
      if (expected.contains("greedy_tokens")) {
        int steps = (int) expected.info("greedy_tokens").shape()[1];
        Greedy greedy = greedy(model, idArray, maskArray, visuals, steps, scope);
        diffs.add(compareLongs("greedy_tokens", expected, greedy.tokens, expected.info("greedy_tokens").shape()));
        if (expected.contains("greedy_step_logits")) {
          diffs.add(compareFloats("greedy_step_logits", expected, greedy.stepLogits,
              expected.info("greedy_step_logits").shape(), null, tol.of("greedy_step_logits")));
        }
        if (expected.contains("decode_position_ids")) {
          diffs.add(compareLongs("decode_position_ids", expected, greedy.decodePositions,
              expected.info("decode_position_ids").shape()));
        }
      }
    }
    for (String name : expected.tensors().keySet()) {
      if (name.startsWith("greedy_") || name.equals("decode_position_ids")) {
        continue;
      }
      Trace.Tensor actual = trace == null ? null : trace.get(name);
      if (actual == null) {
        diffs.add(new Diff(name, Double.NaN, Double.NaN, 0, false, "not produced by this model"));
        continue;
      }
      long[] shape = expected.info(name).shape();
      if (!Arrays.equals(shape, actual.shape())) {
        diffs.add(new Diff(name, Double.NaN, Double.NaN, 0, actual.isInteger(), "shape " + Arrays.toString(actual.shape())
            + " != expected " + Arrays.toString(shape)));
      } else if (actual.isInteger()) {
        diffs.add(compareLongs(name, expected, actual.longs(), shape));
      } else {
        boolean perSlot = shape.length >= 2 && shape[0] == idsShape[0] && shape[1] == idsShape[1];
        diffs.add(compareFloats(name, expected, actual.floats(), shape, perSlot ? mask : null, tol.of(name)));
      }
    }
    return diffs;
  }

  /** The inputs file's pixel tensors as VisualInputs (images, then videos: each is one vision call). */
  public static List<VisualInputs> visuals(SafetensorsFile inputs) {
    List<VisualInputs> visuals = new ArrayList<>();
    if (inputs.contains("pixel_values")) {
      visuals.add(visual(inputs, "pixel_values", "image_grid_thw", null, false));
    }
    if (inputs.contains("pixel_values_videos")) {
      visuals.add(visual(inputs, "pixel_values_videos", "video_grid_thw",
          inputs.contains("second_per_grid_ts") ? "second_per_grid_ts" : null, true));
    }
    return visuals;
  }

  private static VisualInputs visual(SafetensorsFile f, String pixels, String grid, String seconds, boolean video) {
    if (!f.contains(grid)) {
      throw new IllegalArgumentException(f.path() + ": has " + pixels + " but no " + grid);
    }
    long[] g = f.longs(grid);
    long[][] thw = new long[g.length / 3][];
    for (int i = 0; i < thw.length; i++) {
      thw[i] = Arrays.copyOfRange(g, 3 * i, 3 * i + 3);
    }
    float[] spg = seconds == null ? new float[0] : f.floats(seconds);
    return new VisualInputs(f.floats(pixels), f.info(pixels).shape(), thw, spg, video);
  }

  private record Greedy(long[] tokens, float[] stepLogits, long[] decodePositions) {}

  /** Argmax decoding: prefill, then one cached step per token; records the logits each token was chosen from. */
  private static Greedy greedy(VisionLanguageModel model, NDArray ids, NDArray mask, List<VisualInputs> visuals,
      int steps, NDManager scope) {
    int batch = (int) ids.getShape().get(0);
    long vocab = model.config().vocabSize();
    long[] tokens = new long[batch * steps];
    float[] logits = new float[(int) (batch * steps * vocab)];
    long[] positions = new long[batch * Math.max(0, steps - 1)];
    try (KvCache cache = model.newCache()) {
      NDArray stepLogits = model.prefill(ids, mask, visuals, cache);
      NDArray currentMask = mask;
      for (int s = 0; s < steps; s++) {
        float[] values = stepLogits.toFloatArray();
        long[] next = new long[batch];
        for (int b = 0; b < batch; b++) {
          int best = 0;
          for (int v = 1; v < vocab; v++) {
            if (values[(int) (b * vocab + v)] > values[(int) (b * vocab + best)]) {
              best = v;
            }
          }
          next[b] = best;
          tokens[b * steps + s] = best;
          System.arraycopy(values, (int) (b * vocab), logits, (int) ((b * steps + s) * vocab), (int) vocab);
        }
        if (s == steps - 1) {
          break;
        }
        long[] deltas = cache.ropeDeltas();
        for (int b = 0; b < batch; b++) {
          positions[b * (steps - 1) + s] = cache.length() + deltas[b];
        }
        currentMask = currentMask.concat(scope.ones(new Shape(batch, 1), currentMask.getDataType()), 1);
        stepLogits = model.decode(scope.create(next, new Shape(batch, 1)), currentMask, cache);
      }
    }
    return new Greedy(tokens, logits, positions);
  }

  private static Diff compareLongs(String name, SafetensorsFile expected, long[] actual, long[] shape) {
    long[] want = expected.longs(name);
    if (want.length != actual.length) {
      return new Diff(name, Double.NaN, Double.NaN, 0, true, "length " + actual.length + " != " + want.length);
    }
    double maxAbs = 0;
    double scale = 0;
    for (int i = 0; i < want.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs((double) want[i] - actual[i]));
      scale = Math.max(scale, Math.abs((double) want[i]));
    }
    return new Diff(name, maxAbs, scale == 0 ? maxAbs : maxAbs / scale, 0, true, null);
  }

  private static Diff compareFloats(String name, SafetensorsFile expected, float[] actual, long[] shape, long[] mask,
      double tolerance) {
    float[] want = expected.floats(name);
    if (want.length != actual.length) {
      return new Diff(name, Double.NaN, Double.NaN, tolerance, false, "length " + actual.length + " != " + want.length);
    }
    int slots = mask == null ? 1 : mask.length;
    int perSlot = want.length / slots;
    double maxAbs = 0;
    double scale = 0;
    for (int i = 0; i < want.length; i++) {
      if (mask != null && mask[i / perSlot] != 1) {
        continue;
      }
      double d = Math.abs((double) want[i] - actual[i]);
      if (Double.isNaN(d)) {
        d = Double.POSITIVE_INFINITY;
      }
      maxAbs = Math.max(maxAbs, d);
      scale = Math.max(scale, Math.abs((double) want[i]));
    }
    return new Diff(name, maxAbs, scale == 0 ? maxAbs : maxAbs / scale, tolerance, false, null);
  }

  private static long[] ones(int n) {
    long[] out = new long[n];
    Arrays.fill(out, 1);
    return out;
  }

}
