package dev.videop2r.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.model.VisualInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Batched autoregressive generation over the model seam. Prompts of different lengths are LEFT padded (rows share
 * cache positions); G rollouts of each prompt share one prefill: the prompt batch is prefilled once and the cache
 * expanded G times ({@link KvCache#expand}), never recomputed.
 *
 * <p>Every call works in its own NDManager sub-manager and every step in a further one, so native memory is
 * released as the call goes and nothing outlives it (no growth across calls).
 *
 * <p>Randomness: row {@code p*G + r} (prompt p, rollout r) draws from its own stream, the (p*G + r)-th split of a
 * {@code SplittableRandom(seed)}; a run is reproducible for the same seed, prompts, G and config.
 */
public final class Generator {

  private final VisionLanguageModel model;
  private final NDManager manager;
  private final long padId;
  private final long[] banned;

  /**
   * @param manager where input arrays are made (the model's manager, so inputs land on the model's device)
   * @param padId the id left padding and finished rows use (Qwen: {@code <|endoftext|>})
   */
  public Generator(VisionLanguageModel model, NDManager manager, long padId) {
    this(model, manager, padId, new long[0]);
  }

  /** @param banned ids never sampled, whatever their logits (for RL rollouts: {@link #inputOnlyTokens}) */
  public Generator(VisionLanguageModel model, NDManager manager, long padId, long[] banned) {
    this.model = model;
    this.manager = manager;
    this.padId = padId;
    this.banned = banned.clone();
  }

  /**
   * Image/video pad ids: input-only. A completion holding one cannot be run through the model again (its pad count
   * no longer matches the visual features; HF raises the same mismatch), so an RL trainer could not score it.
   */
  public static long[] inputOnlyTokens(QwenConfig config) {
    return new long[] {config.imageTokenId(), config.videoTokenId()};
  }

  /** SplittableRandom's seed increment (its public constructor's gamma); each split() advances the seed twice. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /**
   * The seed whose r-th split equals the (firstRow + r)-th split of {@code SplittableRandom(seed)}: rollouts of one
   * prompt requested alone (a remote engine's request with this seed) then sample exactly the rows they have in a
   * call-seeded batch. Relies on SplittableRandom's documented-by-code seeding (seed += gamma per draw); a test pins it.
   */
  public static long streamSeed(long seed, int firstRow) {
    return seed + 2L * firstRow * GOLDEN_GAMMA;
  }

  public List<Completion> generate(List<GenerationPrompt> prompts, int rollouts, GenerationConfig config) {
    return generate(prompts, rollouts, config, TokenListener.NONE);
  }

  /**
   * Generates {@code rollouts} continuations of every prompt; the result is prompt-major: index
   * {@code p * rollouts + r} holds rollout r of prompt p.
   */
  public List<Completion> generate(List<GenerationPrompt> prompts, int rollouts, GenerationConfig config,
                                   TokenListener listener) {
    return generate(prompts, rollouts, config, listener, null);
  }

  /**
   * As {@link #generate(List, int, GenerationConfig, TokenListener)}, but prompt p's rollout r draws from the r-th
   * split of {@code SplittableRandom(promptSeeds[p])} instead of the call seed's stream: prompts batched together
   * (a server's concurrent requests) sample as each would alone. {@link #streamSeed} gives the prompt seed that
   * reproduces a call-seeded batch.
   */
  public List<Completion> generate(List<GenerationPrompt> prompts, int rollouts, GenerationConfig config,
                                   TokenListener listener, long[] promptSeeds) {
    if (promptSeeds != null && promptSeeds.length != prompts.size()) {
      throw new IllegalArgumentException(promptSeeds.length + " prompt seeds for " + prompts.size() + " prompts");
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("generate needs at least one prompt");
    }
    if (rollouts < 1) {
      throw new IllegalArgumentException("rollouts must be >= 1, got " + rollouts);
    }
    Rows rows = new Rows(prompts, rollouts, config, padId, promptSeeds);
    TokenSampler sampler = new TokenSampler(config, banned);
    try (NDManager call = manager.newSubManager()) {
      if (config.useCache()) {
        generateCached(call, prompts, rollouts, rows, sampler, listener);
      } else {
        generateUncached(call, prompts, rollouts, rows, sampler, listener);
      }
    }
    return rows.completions();
  }

  private void generateCached(NDManager call, List<GenerationPrompt> prompts, int g, Rows rows,
                              TokenSampler sampler, TokenListener listener) {
    try (KvCache cache = model.newCache()) {
      Logits logits;
      try (NDManager step = call.newSubManager()) {
        NDArray ids = HostArrays.owned(step, rows.promptIds(), new Shape(prompts.size(), rows.promptLength));
        NDArray mask = HostArrays.owned(step, rows.promptMask(), new Shape(prompts.size(), rows.promptLength));
        logits = Logits.of(model.prefill(ids, mask, visuals(prompts, 1), cache), g);
      }
      cache.expand(g);
      for (int t = 0; ; t++) {
        rows.pick(logits, sampler, listener);
        if (rows.done()) {
          return;
        }
        try (NDManager step = call.newSubManager()) {
          NDArray tokens = HostArrays.owned(step, rows.lastTokens(), new Shape(rows.count, 1));
          NDArray mask = HostArrays.owned(step, rows.fullMask(), new Shape(rows.count, rows.promptLength + t + 1));
          logits = Logits.of(model.decode(tokens, mask, cache), 1);
        }
      }
    }
  }

  /** The reference path: a full forward over prompt + generated tokens for every new token. */
  private void generateUncached(NDManager call, List<GenerationPrompt> prompts, int g, Rows rows,
                                TokenSampler sampler, TokenListener listener) {
    List<VisualInputs> visuals = visuals(prompts, g);
    for (int t = 0; ; t++) {
      Logits logits;
      try (NDManager step = call.newSubManager()) {
        int length = rows.promptLength + t;
        NDArray ids = HostArrays.owned(step, rows.fullIds(), new Shape(rows.count, length));
        NDArray mask = HostArrays.owned(step, rows.fullMask(), new Shape(rows.count, length));
        NDArray all = model.forward(ids, mask, visuals);
        logits = Logits.of(all.get(":, -1, :"), 1);
      }
      rows.pick(logits, sampler, listener);
      if (rows.done()) {
        return;
      }
    }
  }

  /** Visual inputs batch-row-major, each prompt's repeated {@code times} times (its rows are adjacent). */
  private static List<VisualInputs> visuals(List<GenerationPrompt> prompts, int times) {
    List<VisualInputs> all = new ArrayList<>();
    for (GenerationPrompt p : prompts) {
      for (int r = 0; r < times; r++) {
        all.addAll(p.visuals());
      }
    }
    return all;
  }

  /** Last-slot logits copied to the heap; {@code repeat} > 1 when rows are expanded after the copy. */
  private record Logits(float[] values, int vocab, int repeat) {

    static Logits of(NDArray logits, int repeat) {
      Shape shape = logits.getShape();
      int vocab = Math.toIntExact(shape.get(shape.dimension() - 1));
      float[] values = logits.toType(DataType.FLOAT32, false).toFloatArray();
      return new Logits(values, vocab, repeat);
    }

    int offset(int row) {
      return (row / repeat) * vocab;
    }
  }

  /** Per-row state: prompt (left padded), generated tokens, log-probs, finished flags and RNG. */
  private static final class Rows {
    final int count;
    final int rollouts;
    final int promptLength;
    final GenerationConfig config;
    final long padId;
    final long[][] prompt;
    final long[][] promptMask;
    final long[][] generated;
    final float[][] logProbs;
    final int[] lengths;
    final boolean[] stopped;
    final long[][] seen;
    final int[] seenCount;
    final SplittableRandom[] random;
    int steps;

    Rows(List<GenerationPrompt> prompts, int rollouts, GenerationConfig config, long padId, long[] promptSeeds) {
      this.rollouts = rollouts;
      this.count = prompts.size() * rollouts;
      this.config = config;
      this.padId = padId;
      this.promptLength = prompts.stream().mapToInt(GenerationPrompt::length).max().orElseThrow();
      int max = config.maxNewTokens();
      prompt = new long[count][];
      promptMask = new long[count][];
      generated = new long[count][max];
      logProbs = new float[count][max];
      lengths = new int[count];
      stopped = new boolean[count];
      seen = new long[count][promptLength + max];
      seenCount = new int[count];
      random = new SplittableRandom[count];
      SplittableRandom root = new SplittableRandom(config.seed());
      for (int row = 0; row < count; row++) {
        long[] ids = prompts.get(row / rollouts).ids();
        int pad = promptLength - ids.length;
        prompt[row] = new long[promptLength];
        promptMask[row] = new long[promptLength];
        Arrays.fill(prompt[row], 0, pad, padId);
        System.arraycopy(ids, 0, prompt[row], pad, ids.length);
        Arrays.fill(promptMask[row], pad, promptLength, 1L);
        System.arraycopy(ids, 0, seen[row], 0, ids.length);
        seenCount[row] = ids.length;
        if (promptSeeds != null && row % rollouts == 0) {
          root = new SplittableRandom(promptSeeds[row / rollouts]);
        }
        random[row] = root.split();
      }
    }

    /** Left-padded prompt ids, one row per prompt (not per rollout), flattened. */
    long[] promptIds() {
      return flattenPrompts(prompt);
    }

    long[] promptMask() {
      return flattenPrompts(promptMask);
    }

    private long[] flattenPrompts(long[][] source) {
      int prompts = count / rollouts;
      long[] flat = new long[prompts * promptLength];
      for (int p = 0; p < prompts; p++) {
        System.arraycopy(source[p * rollouts], 0, flat, p * promptLength, promptLength);
      }
      return flat;
    }

    /**
     * Samples the next token of every unfinished row, then records and reports them in row order. Rows are
     * sampled in parallel: each has its own random stream, so the result does not depend on scheduling.
     */
    void pick(Logits logits, TokenSampler sampler, TokenListener listener) {
      long[] tokens = new long[count];
      float[] logProbs = new float[count];
      IntStream.range(0, count).parallel().filter(row -> !stopped[row]).forEach(row -> {
        int offset = logits.offset(row);
        tokens[row] = sampler.next(logits.values(), offset, logits.vocab(), seen[row], seenCount[row], random[row]);
        logProbs[row] = TokenSampler.logProb(logits.values(), offset, logits.vocab(), tokens[row]);
      });
      for (int row = 0; row < count; row++) {
        if (stopped[row]) {
          continue;
        }
        int n = lengths[row]++;
        generated[row][n] = tokens[row];
        this.logProbs[row][n] = logProbs[row];
        seen[row][seenCount[row]++] = tokens[row];
        if (config.isStop(tokens[row])) {
          stopped[row] = true;
        }
        listener.onToken(row / rollouts, row % rollouts, tokens[row], logProbs[row]);
      }
      steps++;
    }

    boolean done() {
      if (steps >= config.maxNewTokens()) {
        return true;
      }
      for (boolean s : stopped) {
        if (!s) {
          return false;
        }
      }
      return true;
    }

    /** The token each row feeds to the next step: the one it just made, or the pad once it stopped earlier. */
    long[] lastTokens() {
      long[] last = new long[count];
      for (int row = 0; row < count; row++) {
        last[row] = lengths[row] == steps ? generated[row][steps - 1] : padId;
      }
      return last;
    }

    /** Prompt plus every step's token (pads after a stop), flattened [count, promptLength + steps]. */
    long[] fullIds() {
      int length = promptLength + steps;
      long[] flat = new long[count * length];
      for (int row = 0; row < count; row++) {
        System.arraycopy(prompt[row], 0, flat, row * length, promptLength);
        for (int t = 0; t < steps; t++) {
          flat[row * length + promptLength + t] = t < lengths[row] ? generated[row][t] : padId;
        }
      }
      return flat;
    }

    /** Prompt mask then ones for every step taken (stopped rows too: their outputs are ignored). */
    long[] fullMask() {
      int length = promptLength + steps;
      long[] flat = new long[count * length];
      for (int row = 0; row < count; row++) {
        System.arraycopy(promptMask[row], 0, flat, row * length, promptLength);
        Arrays.fill(flat, row * length + promptLength, (row + 1) * length, 1L);
      }
      return flat;
    }

    List<Completion> completions() {
      List<Completion> out = new ArrayList<>(count);
      for (int row = 0; row < count; row++) {
        int n = lengths[row];
        out.add(new Completion(row / rollouts, row % rollouts, Arrays.copyOf(generated[row], n),
            Arrays.copyOf(logProbs[row], n), stopped[row] ? Completion.FinishReason.STOP : Completion.FinishReason.LENGTH));
      }
      return out;
    }
  }
}
