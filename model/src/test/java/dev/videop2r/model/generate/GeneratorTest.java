package dev.videop2r.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.VisualInputs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeneratorTest {

  private static final long PAD = 23;
  private static final long[] SHORT = {3, 5, 7};
  private static final long[] LONG = {1, 2, 9, 4, 11, 6, 8};

  private NDManager manager;
  private ToyModel model;
  private Generator generator;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    model = new ToyModel(manager, 42);
    generator = new Generator(model, manager, PAD);
  }

  @AfterEach
  void tearDown() {
    model.close();
    manager.close();
  }

  @Test
  void cachedDecodingEqualsFullRecomputation() {
    List<GenerationPrompt> prompts = List.of(GenerationPrompt.text(SHORT), GenerationPrompt.text(LONG));
    GenerationConfig greedy = GenerationConfig.greedy(12);
    List<Completion> cached = generator.generate(prompts, 1, greedy);
    List<Completion> full = generator.generate(prompts, 1, greedy.withCache(false));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(full.get(i).tokens(), cached.get(i).tokens());
      assertArrayEquals(full.get(i).logProbs(), cached.get(i).logProbs(), 1e-5f);
    }
    GenerationConfig sampled = GenerationConfig.sampling(12, 0.9, 0.95, 7).withTopK(10).withRepetitionPenalty(1.3);
    List<Completion> sampledFull = generator.generate(prompts, 3, sampled.withCache(false));
    List<Completion> sampledCached = generator.generate(prompts, 3, sampled);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(sampledFull.get(i).tokens(), sampledCached.get(i).tokens(), "row " + i);
      assertArrayEquals(sampledFull.get(i).logProbs(), sampledCached.get(i).logProbs(), 1e-5f);
    }
  }

  @Test
  void promptSeedsReproduceTheCallSeededRowsAndLetEachPromptSampleAsIfAlone() {
    List<GenerationPrompt> prompts = List.of(GenerationPrompt.text(SHORT), GenerationPrompt.text(LONG));
    GenerationConfig config = GenerationConfig.sampling(10, 1.0, 1.0, 1234567);
    int g = 3;
    List<Completion> batch = generator.generate(prompts, g, config);
    long[] seeds = {Generator.streamSeed(1234567, 0), Generator.streamSeed(1234567, g)};
    List<Completion> seeded = generator.generate(prompts, g, config.withSeed(999), TokenListener.NONE, seeds);
    for (int i = 0; i < prompts.size() * g; i++) {
      assertArrayEquals(batch.get(i).tokens(), seeded.get(i).tokens(), "row " + i);
    }
    // The second prompt asked alone with its stream seed (what a remote rollout request sends) gets the same rows.
    List<Completion> alone = generator.generate(List.of(prompts.get(1)), g, config.withSeed(seeds[1]));
    for (int r = 0; r < g; r++) {
      assertArrayEquals(batch.get(g + r).tokens(), alone.get(r).tokens(), "rollout " + r);
    }
    assertThrows(IllegalArgumentException.class,
        () -> generator.generate(prompts, g, config, TokenListener.NONE, new long[] {1}));
  }

  @Test
  void leftPaddingDoesNotChangeARow() {
    GenerationConfig config = GenerationConfig.sampling(10, 1.0, 1.0, 3);
    Completion alone = generator.generate(List.of(GenerationPrompt.text(SHORT)), 1, config).get(0);
    List<Completion> batched = generator.generate(
        List.of(GenerationPrompt.text(SHORT), GenerationPrompt.text(LONG)), 1, config);
    assertArrayEquals(alone.tokens(), batched.get(0).tokens());
    assertArrayEquals(alone.logProbs(), batched.get(0).logProbs(), 1e-5f);
  }

  @Test
  void logProbsAreLogSoftmaxOfRawLogitsAtTheSampledTokens() {
    // Temperature, top-k and penalty change what is sampled, never the reported log-probability.
    GenerationConfig config = GenerationConfig.sampling(8, 0.7, 0.9, 11).withTopK(5).withRepetitionPenalty(1.2);
    Completion c = generator.generate(List.of(GenerationPrompt.text(LONG)), 1, config).get(0);
    long[] sequence = new long[LONG.length + c.length()];
    System.arraycopy(LONG, 0, sequence, 0, LONG.length);
    System.arraycopy(c.tokens(), 0, sequence, LONG.length, c.length());
    try (NDManager m = manager.newSubManager()) {
      NDArray ids = m.create(sequence, new Shape(1, sequence.length));
      NDArray mask = m.ones(new Shape(1, sequence.length), ai.djl.ndarray.types.DataType.INT64);
      NDArray logProbs = model.forward(ids, mask, List.of()).logSoftmax(2);
      for (int i = 0; i < c.length(); i++) {
        float expected = logProbs.getFloat(0, LONG.length - 1 + i, c.tokens()[i]);
        assertEquals(expected, c.logProbs()[i], 1e-5f, "token " + i);
      }
    }
  }

  @Test
  void rolloutsSharePrefillAndFollowTheirOwnSeededStreams() {
    List<GenerationPrompt> prompts = List.of(GenerationPrompt.text(SHORT), GenerationPrompt.text(LONG));
    GenerationConfig config = GenerationConfig.sampling(10, 1.5, 1.0, 5);
    List<Completion> a = generator.generate(prompts, 4, config);
    assertEquals(1, model.prefillCalls);
    assertEquals(2, model.prefillRows, "one prefill row per prompt, not per rollout");
    assertEquals(8, a.size());
    for (int i = 0; i < 8; i++) {
      assertEquals(i / 4, a.get(i).prompt());
      assertEquals(i % 4, a.get(i).rollout());
    }
    long distinct = a.subList(0, 4).stream().map(c -> java.util.Arrays.toString(c.tokens())).distinct().count();
    assertTrue(distinct > 1, "rollouts of one prompt differ at temperature 1.5");
    assertEquals(a, generator.generate(prompts, 4, config), "same seed, same rollouts");
    assertNotEquals(a, generator.generate(prompts, 4, config.withSeed(6)));
  }

  @Test
  void greedyRolloutsFromAnExpandedCacheMatchASinglePrompt() {
    GenerationConfig greedy = GenerationConfig.greedy(9);
    Completion single = generator.generate(List.of(GenerationPrompt.text(LONG)), 1, greedy).get(0);
    for (Completion c : generator.generate(List.of(GenerationPrompt.text(LONG)), 3, greedy)) {
      assertArrayEquals(single.tokens(), c.tokens());
    }
  }

  @Test
  void stopTokensEndARowAndMaxNewTokensEndsTheRest() {
    GenerationConfig probe = GenerationConfig.greedy(6);
    long[] free = generator.generate(List.of(GenerationPrompt.text(LONG)), 1, probe).get(0).tokens();
    long stop = free[2];
    int firstStop = 0;
    while (free[firstStop] != stop) {
      firstStop++;
    }
    Completion stopped = generator.generate(List.of(GenerationPrompt.text(LONG)), 1, GenerationConfig.greedy(6, stop)).get(0);
    assertEquals(Completion.FinishReason.STOP, stopped.finish());
    assertArrayEquals(java.util.Arrays.copyOf(free, firstStop + 1), stopped.tokens());
    Completion full = generator.generate(List.of(GenerationPrompt.text(LONG)), 1, probe).get(0);
    assertEquals(Completion.FinishReason.LENGTH, full.finish());
    assertEquals(6, full.length());
  }

  @Test
  void aStoppedRowLeavesTheOthersUnchanged() {
    List<GenerationPrompt> prompts = List.of(GenerationPrompt.text(SHORT), GenerationPrompt.text(LONG));
    List<Completion> free = generator.generate(prompts, 1, GenerationConfig.greedy(8));
    long[] row0 = free.get(0).tokens();
    long[] row1 = free.get(1).tokens();
    // A stop token that row 0 emits and row 1 never does.
    long stop = java.util.Arrays.stream(row0)
        .filter(t -> java.util.Arrays.stream(row1).noneMatch(u -> u == t)).findFirst().orElseThrow();
    int at = 0;
    while (row0[at] != stop) {
      at++;
    }
    List<Completion> withStop = generator.generate(prompts, 1, GenerationConfig.greedy(8, stop));
    assertArrayEquals(java.util.Arrays.copyOf(row0, at + 1), withStop.get(0).tokens());
    assertEquals(Completion.FinishReason.STOP, withStop.get(0).finish());
    assertArrayEquals(row1, withStop.get(1).tokens());
    assertEquals(Completion.FinishReason.LENGTH, withStop.get(1).finish());
  }

  @Test
  void listenerStreamsEveryTokenInOrder() {
    List<long[]> streamed = new ArrayList<>();
    GenerationConfig config = GenerationConfig.sampling(7, 1.0, 0.9, 2);
    List<Completion> out = generator.generate(List.of(GenerationPrompt.text(SHORT)), 2, config,
        (prompt, rollout, token, logProb) -> streamed.add(new long[] {prompt, rollout, token}));
    assertEquals(14, streamed.size());
    for (int r = 0; r < 2; r++) {
      int row = r;
      long[] tokens = streamed.stream().filter(s -> s[1] == row).mapToLong(s -> s[2]).toArray();
      assertArrayEquals(out.get(r).tokens(), tokens);
    }
  }

  @Test
  void visualInputsOfEachPromptReachThePrefillOnceAndEveryRowWithoutCache() {
    VisualInputs video = new VisualInputs(new float[2 * 4], new long[] {2, 4}, new long[][] {{1, 1, 2}},
        new float[] {1f}, true);
    List<GenerationPrompt> prompts = List.of(new GenerationPrompt(SHORT, List.of(video)), GenerationPrompt.text(LONG));
    generator.generate(prompts, 3, GenerationConfig.greedy(2));
    assertEquals(1, model.visualsSeen);
    model.visualsSeen = 0;
    generator.generate(prompts, 3, GenerationConfig.greedy(2).withCache(false));
    assertEquals(3 * 2, model.visualsSeen, "3 rollouts x 2 forward calls");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> generator.generate(List.of(), 1, GenerationConfig.greedy(2)));
    assertThrows(IllegalArgumentException.class,
        () -> generator.generate(List.of(GenerationPrompt.text(SHORT)), 0, GenerationConfig.greedy(2)));
    assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampling(4, 0.0, 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampling(4, 1.0, 0.0, 1));
    assertThrows(IllegalArgumentException.class, () -> GenerationConfig.greedy(0));
    assertThrows(IllegalArgumentException.class, () -> GenerationPrompt.text(new long[0]));
  }
}
