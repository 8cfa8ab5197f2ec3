package dev.videop2r.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.testkit.TestData;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.io.SafetensorsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator on the real Qwen2.5-VL port and the tiny-a golden fixture: the reference's 8 greedy tokens per row
 * (left-padded batch of two videos), with the cache and by full recomputation, and log-probs that are
 * log_softmax of the reference's step logits.
 */
class GoldenGreedyGenerationTest {

  private static final Path DIR = TestData.golden("qwen25vl-tiny-a");
  private static final long PAD = 500;

  private static NDManager manager;
  private static QwenVLModel model;
  private static List<GenerationPrompt> prompts;
  private static long[][] expectedTokens;
  private static float[] stepLogits;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager();
    model = QwenVLModel.load(DIR, manager, DataType.FLOAT32);
    prompts = new ArrayList<>();
    try (SafetensorsFile in = SafetensorsFile.open(DIR.resolve("inputs.safetensors"));
         SafetensorsFile out = SafetensorsFile.open(DIR.resolve("expected.safetensors"))) {
      long[] ids = in.longs("input_ids");
      long[] mask = in.longs("attention_mask");
      float[] pixels = in.floats("pixel_values_videos");
      long[] grids = in.longs("video_grid_thw");
      float[] seconds = in.floats("second_per_grid_ts");
      int length = (int) in.info("input_ids").shape()[1];
      int rowOffset = 0;
      for (int b = 0; b < 2; b++) {
        long[] real = new long[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
          if (mask[b * length + i] == 1) {
            real[n++] = ids[b * length + i];
          }
        }
        long[] grid = Arrays.copyOfRange(grids, 3 * b, 3 * b + 3);
        int rows = (int) (grid[0] * grid[1] * grid[2]);
        float[] videoPixels = Arrays.copyOfRange(pixels, rowOffset * 1176, (rowOffset + rows) * 1176);
        rowOffset += rows;
        VisualInputs video = new VisualInputs(videoPixels, new long[] {rows, 1176}, new long[][] {grid},
            new float[] {seconds[b]}, true);
        prompts.add(new GenerationPrompt(Arrays.copyOf(real, n), List.of(video)));
      }
      long[] tokens = out.longs("greedy_tokens");
      expectedTokens = new long[][] {Arrays.copyOfRange(tokens, 0, 8), Arrays.copyOfRange(tokens, 8, 16)};
      stepLogits = out.floats("greedy_step_logits");
    }
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  @Test
  void cachedGreedyGenerationReproducesTheReferenceTokens() {
    List<Completion> out = new Generator(model, manager, PAD).generate(prompts, 1, GenerationConfig.greedy(8));
    assertArrayEquals(expectedTokens[0], out.get(0).tokens());
    assertArrayEquals(expectedTokens[1], out.get(1).tokens());
    for (int b = 0; b < 2; b++) {
      for (int s = 0; s < 8; s++) {
        float expected = TokenSampler.logProb(stepLogits, (b * 8 + s) * 512, 512, expectedTokens[b][s]);
        assertEquals(expected, out.get(b).logProbs()[s], 1e-3f, "row " + b + " step " + s);
      }
    }
  }

  @Test
  void fullRecomputationGivesTheSameTokens() {
    List<Completion> out = new Generator(model, manager, PAD)
        .generate(prompts, 1, GenerationConfig.greedy(8).withCache(false));
    assertArrayEquals(expectedTokens[0], out.get(0).tokens());
    assertArrayEquals(expectedTokens[1], out.get(1).tokens());
  }

  @Test
  void rolloutsFromOneSharedPrefillAreTheSingleRowsGreedyTokens() {
    List<Completion> out = new Generator(model, manager, PAD).generate(prompts, 3, GenerationConfig.greedy(8));
    for (Completion c : out) {
      assertArrayEquals(expectedTokens[c.prompt()], c.tokens(), "prompt " + c.prompt() + " rollout " + c.rollout());
    }
  }

  @Test
  void generateCallsLeaveNoNativeArraysBehind() {
    Generator generator = new Generator(model, manager, PAD);
    GenerationConfig sampled = GenerationConfig.sampling(6, 1.0, 0.9, 1);
    generator.generate(prompts, 2, sampled);
    int before = manager.getManagedArrays().size();
    for (int i = 0; i < 5; i++) {
      generator.generate(prompts, 2, sampled.withSeed(i));
      generator.generate(prompts, 1, sampled.withSeed(i).withCache(false));
    }
    assertEquals(before, manager.getManagedArrays().size(), "NDArrays alive after the calls");
  }

  @Test
  void liveArraysDoNotGrowWithTheNumberOfDecodeSteps() {
    // Counted from the streaming callback, i.e. in the middle of the call, after every step: anything a step
    // leaves attached to a long-lived manager (such as views of the cache) would show up here as growth.
    List<Integer> live = new ArrayList<>();
    new Generator(model, manager, PAD).generate(prompts, 2, GenerationConfig.sampling(12, 1.0, 1.0, 4),
        (prompt, rollout, token, logProb) -> {
          if (prompt == 0 && rollout == 0) {
            live.add(manager.getManagedArrays().size());
          }
        });
    assertEquals(12, live.size());
    assertEquals(live.get(1), live.get(live.size() - 1), "live arrays per step: " + live);
  }

  @Test
  void eachPromptAloneGivesTheSameTokensAsTheBatch() {
    for (int b = 0; b < 2; b++) {
      Completion alone = new Generator(model, manager, PAD)
          .generate(List.of(prompts.get(b)), 1, GenerationConfig.greedy(8)).get(0);
      assertArrayEquals(expectedTokens[b], alone.tokens(), "row " + b);
    }
  }
}
