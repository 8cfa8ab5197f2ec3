package dev.videop2r.bench.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code bin/bench generate}: rollout generation on the bench model (bench/model/bench-config.json, random
 * weights) as RL does it: one prompt (text around a 4-frame 112x112 video) with G sampled rollouts of exactly N new
 * tokens (no stop token), with the KV cache (one shared prefill, then one token per step) and without it
 * (recomputing the whole sequence per token). libtorch on one thread; prints generated tokens per second of wall
 * time and per CPU-second of this process, best of a few interleaved rounds.
 *
 * <p>Usage: {@code GenerationComparison CONFIG.json [--new-tokens 128] [--rollouts 8] [--rounds 3] [--cache-only]};
 * {@code --cache-only} skips the recompute side (quadratic in the tokens), for long decoding runs.
 */
public final class GenerationComparison {

  private record Timing(double wallS, double cpuS) {
    Timing best(Timing o) {
      return o == null ? this : new Timing(Math.min(wallS, o.wallS), Math.min(cpuS, o.cpuS));
    }
  }

  private GenerationComparison() {}

  public static void main(String[] args) {
    // Before DJL starts the engine: one intra-op thread, so process CPU time is the work of one core.
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: GenerationComparison CONFIG.json [--new-tokens 128] [--rollouts 8] "
          + "[--rounds 3] [--cache-only]");
    }
    int newTokens = 128;
    int rollouts = 8;
    int rounds = 3;
    boolean cacheOnly = false;
    for (int i = 1; i < args.length; i += 2) {
      if (args[i].equals("--cache-only")) {
        cacheOnly = true;
        i--;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--new-tokens" -> newTokens = v;
        case "--rollouts" -> rollouts = v;
        case "--rounds" -> rounds = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    QwenConfig cfg = QwenConfig.read(Path.of(args[0]));
    try (NDManager manager = NDManager.newBaseManager(); QwenVLModel model = QwenVLModel.init(cfg, 1, manager)) {
      BenchBatch row = BenchBatch.create(cfg, 1, 64, 99);
      VisualInputs video = row.video();
      GenerationPrompt prompt = new GenerationPrompt(row.ids(), List.of(video));
      Generator generator = new Generator(model, manager, cfg.bosTokenId(), Generator.inputOnlyTokens(cfg));
      GenerationConfig cached = GenerationConfig.sampling(newTokens, 1.0, 1.0, 7);
      GenerationConfig recompute = cached.withCache(false);
      int g = rollouts;
      int n = newTokens;
      Supplier<List<Completion>> withCache = () -> check(generator.generate(List.of(prompt), g, cached), n);
      Supplier<List<Completion>> without = () -> check(generator.generate(List.of(prompt), g, recompute), n);
      generator.generate(List.of(prompt), g, cached.withMaxNewTokens(8));
      generator.generate(List.of(prompt), g, recompute.withMaxNewTokens(8));
      System.out.printf("model %s (random); prompt %d tokens (video 4x112x112, 32 video tokens), %d rollouts x %d "
          + "new tokens (sampled, no stop token); libtorch 1 thread; load average at start %s%n", args[0],
          row.length(), g, n, ChildRun.load());
      Timing a = null;
      Timing b = null;
      for (int r = 0; r < rounds; r++) {
        a = time(withCache).best(a);
        b = cacheOnly ? null : time(without).best(b);
      }
      double tokens = (double) g * n;
      System.out.printf("load average at end %s; best of %d interleaved rounds%n%n", ChildRun.load(), rounds);
      System.out.println("| generation | wall s | tokens/s | CPU s | tokens/CPU-s |");
      System.out.println("|---|---:|---:|---:|---:|");
      System.out.printf("| KV cache (one shared prefill, 1 token/step) | %.2f | %,.0f | %.2f | %,.0f |%n", a.wallS(),
          tokens / a.wallS(), a.cpuS(), tokens / a.cpuS());
      if (b != null) {
        System.out.printf("| recompute (full forward per token) | %.2f | %,.0f | %.2f | %,.0f |%n", b.wallS(),
            tokens / b.wallS(), b.cpuS(), tokens / b.cpuS());
        System.out.printf("| **KV cache / recompute** | | **%.1fx** | | **%.1fx** |%n", b.wallS() / a.wallS(),
            b.cpuS() / a.cpuS());
      }
    }
  }

  private static Timing time(Supplier<?> run) {
    long wall = System.nanoTime();
    long cpu = BenchClock.processCpuNanos();
    run.get();
    return new Timing((System.nanoTime() - wall) / 1e9, (BenchClock.processCpuNanos() - cpu) / 1e9);
  }

  private static List<Completion> check(List<Completion> out, int tokens) {
    if (out.stream().anyMatch(c -> c.length() != tokens)) {
      throw new IllegalStateException("expected " + tokens + " tokens per rollout, got "
          + Arrays.toString(out.stream().mapToInt(Completion::length).toArray()));
    }
    return out;
  }
}
