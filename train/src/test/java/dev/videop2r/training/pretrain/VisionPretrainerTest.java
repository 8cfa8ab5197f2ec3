package dev.videop2r.training.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.spec.InvalidFieldException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VisionPretrainerTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  private static final int PATCH_DIM = 3 * 2 * 14 * 14;

  private static QwenVLModel tinyModel(NDManager manager) {
    Map<String, Integer> vocab = new HashMap<>();
    for (String t : List.of("<|endoftext|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
        "<|image_pad|>", "<|video_pad|>", "a", "b")) {
      vocab.put(t, vocab.size());
    }
    return QwenVLModel.init(new TinyQwen(32, 1, 2, 1, 48, 2, 16, 2, 32).config(vocab), 5, manager);
  }

  /**
   * A one-slice 56x56 video (4 merged tokens of 4 patch rows each, rows in merge order); each token is bright or
   * dark at random under noise, and its label says which (1 = bright, 0 = nothing).
   */
  private static VisionPretrainer.LabelledClip clip(int index) {
    SplittableRandom rng = new SplittableRandom(index);
    float[] pixels = new float[16 * PATCH_DIM];
    int[] labels = new int[4];
    for (int token = 0; token < 4; token++) {
      labels[token] = rng.nextInt(2);
      for (int i = token * 4 * PATCH_DIM; i < (token + 1) * 4 * PATCH_DIM; i++) {
        pixels[i] = (labels[token] == 1 ? 0.8f : -0.8f) + (float) rng.nextGaussian();
      }
    }
    VisualInputs visual = new VisualInputs(pixels, new long[] {16, PATCH_DIM}, new long[][] {{1, 4, 4}},
        new float[] {1f}, true);
    return new VisionPretrainer.LabelledClip(visual, new int[][] {labels});
  }

  @Test
  void theTowerLearnsTheTokenLabelsAndTheDecoderIsLeftAlone() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = tinyModel(m)) {
      Map<String, float[]> before = new HashMap<>();
      model.parameters().forEach((name, p) -> before.put(name, p.toFloatArray()));
      VisionPretrainer.Result r = new VisionPretrainer(model, new int[] {2},
          new VisionPretrainSpec(40, 4, 1e-2, 3, false)).train(64, VisionPretrainerTest::clip, QUIET);

      assertTrue(r.labelledAccuracy()[0] >= 0.9, "bright tokens recognised: " + r.labelledAccuracy()[0]);
      assertTrue(r.lastLoss() < 0.3, "loss " + r.lastLoss());
      model.parameters().forEach((name, p) -> {
        if (name.startsWith("visual.")) {
          return;
        }
        assertArrayEquals(before.get(name), p.toFloatArray(), name + " is not a vision weight");
      });
      assertFalse(java.util.Arrays.equals(before.get("visual.merger.mlp.2.weight"),
          model.parameters().get("visual.merger.mlp.2.weight").toFloatArray()), "the merger was trained");
    }
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    float[][] merger = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = tinyModel(m)) {
        new VisionPretrainer(model, new int[] {2}, new VisionPretrainSpec(5, 2, 1e-2, 11, false))
            .train(16, VisionPretrainerTest::clip, QUIET);
        merger[run] = model.parameters().get("visual.merger.mlp.2.weight").toFloatArray();
      }
    }
    assertArrayEquals(merger[0], merger[1]);
  }

  @Test
  void checkpointedBlocksGiveTheSameGradients() {
    List<Map<String, float[]>> gradients = new ArrayList<>();
    float[] probe = new float[2 * 32];
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < probe.length; i++) {
      probe[i] = (float) rng.nextGaussian() * 0.2f;
    }
    for (boolean checkpointed : new boolean[] {false, true}) {
      try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = tinyModel(m)) {
        model.setGradientCheckpointing(checkpointed);
        model.parameters().forEach((name, p) -> p.setRequiresGradient(name.startsWith("visual.")));
        NDArray head = m.create(probe, new Shape(2, 32));
        head.setRequiresGradient(true);
        new VisionPretrainer(model, new int[] {2}, new VisionPretrainSpec(1, 2, 1e-3, 0, checkpointed))
            .step(List.of(clip(1), clip(2)), List.of(head), null);
        Map<String, float[]> g = new TreeMap<>();
        model.parameters().forEach((name, p) -> {
          if (name.startsWith("visual.")) {
            g.put(name, p.getGradient().toFloatArray());
          }
        });
        g.put("probe", head.getGradient().toFloatArray());
        gradients.add(g);
      }
    }
    assertEquals(gradients.get(0).keySet(), gradients.get(1).keySet());
    gradients.get(0).forEach((name, plain) -> {
      float[] recomputed = gradients.get(1).get(name);
      double scale = 0;
      for (float v : plain) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertTrue(scale > 0, name + " has a gradient to compare");
      // Within 1e-6 of the tensor's largest entry (the random tower's gradients are ~1e-5 in absolute terms).
      for (int i = 0; i < plain.length; i++) {
        assertEquals(plain[i], recomputed[i], 1e-6 * scale, name + "[" + i + "]");
      }
    });
  }

  @Test
  void labelsThatDoNotCoverTheTokensAreRefused() {
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = tinyModel(m)) {
      VisionPretrainer pretrainer = new VisionPretrainer(model, new int[] {2},
          new VisionPretrainSpec(1, 1, 1e-3, 0, false));
      var e = assertThrows(IllegalArgumentException.class, () -> pretrainer.train(1,
          i -> new VisionPretrainer.LabelledClip(clip(i).visual(), new int[][] {{0, 1}}), QUIET));
      assertEquals("labels cover 2 tokens but the vision tower made 4", e.getMessage());
    }
  }

  @Test
  void aBadSpecNamesItsField() {
    var batch = assertThrows(InvalidFieldException.class, () -> new VisionPretrainSpec(10, 0, 1e-3, 0, false));
    assertEquals("batchClips", batch.field());
    var rate = assertThrows(InvalidFieldException.class,
        () -> VisionPretrainSpec.defaults().with(Map.of("learningRate", -1.0)));
    assertEquals("learningRate", rate.field());
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel model = tinyModel(m)) {
      var off = assertThrows(InvalidFieldException.class, () -> new VisionPretrainer(model, new int[] {2},
          VisionPretrainSpec.defaults().with(Map.of("steps", 0))));
      assertEquals("steps", off.field());
    }
  }
}
