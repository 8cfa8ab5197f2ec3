package dev.videop2r.bench.generate;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generation benchmarks (docs/benchmarks.md, "## Generation"), on a random small Qwen2.5-VL (text hidden 256,
 * 4 layers; vision depth 2) and a video prompt:
 * <ul>
 *   <li>{@code cache}: 256 new tokens with the KV cache vs a full forward per token;
 *   <li>{@code prefill}: G = 8 rollouts sharing one prefill vs one prefill of one row (and vs 8 prefilled rows);
 *   <li>{@code memory}: resident memory over 1,000 generate calls (leak check) and as the cache grows.
 * </ul>
 * Usage: {@code GenerationBench cache|prefill|memory|all}. Prints markdown rows. Single-shot wall-clock timings
 * (each measured operation takes from tens of milliseconds to minutes), best of a few repeats after a warm-up.
 */
public final class GenerationBench {

  private static final String CONFIG = """
      {"model_type": "qwen2_5_vl", "hidden_size": 256, "intermediate_size": 688, "num_hidden_layers": 4,
       "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 4096, "rms_norm_eps": 1e-6,
       "rope_theta": 1000000.0, "tie_word_embeddings": true, "max_position_embeddings": 32768,
       "bos_token_id": 4000, "eos_token_id": 4002, "vision_start_token_id": 4009, "vision_end_token_id": 4010,
       "vision_token_id": 4011, "image_token_id": 4012, "video_token_id": 4013,
       "rope_scaling": {"type": "mrope", "mrope_section": [8, 12, 12]},
       "vision_config": {"depth": 2, "hidden_size": 128, "intermediate_size": 256, "num_heads": 4,
         "in_chans": 3, "out_hidden_size": 256, "patch_size": 14, "spatial_merge_size": 2,
         "temporal_patch_size": 2, "window_size": 112, "fullatt_block_indexes": [1], "tokens_per_second": 2}}
      """;
  private static final long PAD = 4000;
  private static final long VIDEO_PAD = 4013;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private GenerationBench() {}

  public static void main(String[] args) throws IOException {
    String what = args.length == 0 ? "all" : args[0];
    Path dir = Files.createTempDirectory("genbench");
    Path configFile = dir.resolve("config.json");
    Files.writeString(configFile, CONFIG);
    QwenConfig config = QwenConfig.read(configFile);
    try (NDManager manager = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(config, 7, manager)) {
      Generator generator = new Generator(model, manager, PAD);
      System.out.printf("model: text hidden %d, %d layers, vocab %d; vision depth %d; %d CPU threads available%n",
          config.hiddenSize(), config.numHiddenLayers(), config.vocabSize(), config.vision().depth(),
          Runtime.getRuntime().availableProcessors());
      if (what.equals("cache") || what.equals("all")) {
        cache(generator);
      }
      if (what.equals("prefill") || what.equals("all")) {
        prefill(generator);
      }
      if (what.equals("memory") || what.equals("all")) {
        memory(generator, manager);
      }
    } finally {
      Files.deleteIfExists(configFile);
      Files.deleteIfExists(dir);
    }
  }

  /** A prompt of 20 text tokens around a video of {@code frames} frames at {@code size}x{@code size} pixels. */
  static GenerationPrompt videoPrompt(int frames, int size, long seed) {
    long t = frames / 2;
    long h = size / 14;
    long w = size / 14;
    int rows = (int) (t * h * w);
    Random random = new Random(seed);
    float[] pixels = new float[rows * 1176];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    VisualInputs video = new VisualInputs(pixels, new long[] {rows, 1176}, new long[][] {{t, h, w}},
        new float[] {1f}, true);
    int videoTokens = rows / 4;
    long[] ids = new long[20 + videoTokens + 2];
    int k = 0;
    for (int i = 0; i < 10; i++) {
      ids[k++] = 10 + random.nextInt(3000);
    }
    ids[k++] = 4009;
    for (int i = 0; i < videoTokens; i++) {
      ids[k++] = VIDEO_PAD;
    }
    ids[k++] = 4010;
    while (k < ids.length) {
      ids[k++] = 10 + random.nextInt(3000);
    }
    return new GenerationPrompt(ids, List.of(video));
  }

  private static void cache(Generator generator) {
    GenerationPrompt prompt = videoPrompt(8, 112, 1);
    // Sampling so that the sequence never hits a stop token; no stop tokens at all: exactly 256 tokens.
    GenerationConfig cached = GenerationConfig.sampling(256, 1.0, 1.0, 3);
    GenerationConfig uncached = cached.withCache(false);
    generator.generate(List.of(prompt), 1, cached.withMaxNewTokens(8));
    generator.generate(List.of(prompt), 1, uncached.withMaxNewTokens(8));
    Timing withCache = best(3, () -> check(generator.generate(List.of(prompt), 1, cached), 256));
    Timing without = best(1, () -> check(generator.generate(List.of(prompt), 1, uncached), 256));
    System.out.printf("| decode 256 new tokens, prompt %d tokens (video 8x112x112) | with cache: %s | without cache: %s "
            + "| speed-up %.1fx wall, %.1fx CPU |%n", prompt.ids().length, withCache, without,
        without.wall() / withCache.wall(), without.cpu() / withCache.cpu());
  }

  private static void prefill(Generator generator) {
    GenerationPrompt prompt = videoPrompt(16, 224, 2);
    GenerationConfig firstToken = GenerationConfig.sampling(1, 1.0, 1.0, 3);
    List<GenerationPrompt> eightCopies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eightCopies.add(prompt);
    }
    for (int i = 0; i < 2; i++) {
      generator.generate(List.of(prompt), 8, firstToken);
      generator.generate(List.of(prompt), 1, firstToken);
    }
    // Interleaved, so that load changes on a shared machine hit both sides alike; best of 7 each.
    Timing one = null;
    Timing shared = null;
    Timing separate = null;
    for (int i = 0; i < 7; i++) {
      Timing a = best(1, () -> generator.generate(List.of(prompt), 1, firstToken));
      Timing b = best(1, () -> generator.generate(List.of(prompt), 8, firstToken));
      one = one == null ? a : one.min(a);
      shared = shared == null ? b : shared.min(b);
      if (i < 3) {
        Timing c = best(1, () -> generator.generate(eightCopies, 1, firstToken));
        separate = separate == null ? c : separate.min(c);
      }
    }
    System.out.printf("| prefill, prompt %d tokens (video 16x224x224), first token sampled | 1 row: %s | G=8 sharing "
            + "one prefill: %s (%.2fx wall, %.2fx CPU) | 8 rows prefilled: %s (%.2fx wall, %.2fx CPU) |%n",
        prompt.ids().length, one, shared, shared.wall() / one.wall(), shared.cpu() / one.cpu(), separate,
        separate.wall() / one.wall(), separate.cpu() / one.cpu());
  }

  private static void memory(Generator generator, NDManager manager) {
    GenerationPrompt prompt = videoPrompt(4, 56, 3);
    GenerationConfig config = GenerationConfig.sampling(16, 1.0, 0.9, 5);
    // KV cache: layers x (K, V) x kvHeads x headDim float32 per token and row.
    System.out.println("| new tokens in one call (G=8) | KV cache at the end (MiB) "
        + "| peak resident set of the process so far (MiB) |");
    for (int tokens : new int[] {128, 256, 512, 1024, 2048}) {
      generator.generate(List.of(prompt), 8, GenerationConfig.sampling(tokens, 1.0, 1.0, tokens));
      double cacheMiB = 8.0 * (prompt.ids().length + tokens) * 4 * 2 * 2 * 64 * 4 / (1 << 20);
      System.out.printf("| %d | %.1f | %.0f |%n", tokens, cacheMiB, peakMiB());
    }
    System.out.println("| generate calls (G=4, 16 new tokens) | resident set (MiB) | Java heap committed (MiB) "
        + "| live NDArrays |");
    for (int call = 1; call <= 1000; call++) {
      generator.generate(List.of(prompt), 4, config.withSeed(call));
      if (call == 1 || call % 100 == 0) {
        System.out.printf("| %d | %.0f | %.0f | %d |%n", call, residentMiB(),
            Runtime.getRuntime().totalMemory() / 1048576.0, manager.getManagedArrays().size());
      }
    }
  }

  private static List<Completion> check(List<Completion> out, int tokens) {
    if (out.get(0).length() != tokens) {
      throw new IllegalStateException("expected " + tokens + " tokens, got " + out.get(0).length());
    }
    return out;
  }

  /**
   * Wall-clock and calling-thread CPU seconds of the fastest of {@code repeats} runs. With libtorch on one
   * thread (OMP_NUM_THREADS=1) every op runs on the calling thread, so CPU time is the work itself, unaffected
   * by other processes competing for the cores; wall time is what a user waits.
   */
  private static Timing best(int repeats, Runnable run) {
    Timing best = null;
    for (int i = 0; i < repeats; i++) {
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      run.run();
      Timing t = new Timing((System.nanoTime() - wall) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
      best = best == null ? t : best.min(t);
    }
    return best;
  }

  private record Timing(double wall, double cpu) {
    Timing min(Timing o) {
      return new Timing(Math.min(wall, o.wall), Math.min(cpu, o.cpu));
    }

    @Override
    public String toString() {
      return String.format("%.3f s wall, %.3f s CPU", wall, cpu);
    }
  }

  private static double residentMiB() {
    return procStatus("VmRSS:");
  }

  private static double peakMiB() {
    return procStatus("VmHWM:");
  }

  /** A /proc/self/status field in MiB (Linux); NaN elsewhere. */
  private static double procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
