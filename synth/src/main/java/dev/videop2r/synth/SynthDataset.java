package dev.videop2r.synth;

import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a train and a test split into a directory: {@code clips/<split>/<n>.mp4}, {@code train.json},
 * {@code test.json} (Video-R1 arrays of {@link SynthSample}) and {@code synth.json} (the knobs and seed).
 * Deterministic per seed. Re-running resumes: a clip file that exists is complete (clips are written
 * atomically) and is not encoded again. The JSON files are written last, atomically.
 */
public final class SynthDataset {

  /** Encodes one clip; the video module supplies the H.264 implementation. */
  @FunctionalInterface
  public interface ClipSink {
    void write(Path file, List<BufferedImage> frames, double fps);
  }

  /** What a run produced. */
  public record Result(List<SynthSample> train, List<SynthSample> test, int clipsWritten) {}

  private static final String[] SPLITS = {"train", "test"};

  private final SynthWorld world;
  private final SceneRenderer renderer = new SceneRenderer();
  private final ClipSink sink;
  private final int threads;

  public SynthDataset(SynthKnobs knobs, ClipSink sink, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.world = new SynthWorld(knobs);
    this.sink = sink;
    this.threads = threads;
  }

  public Result generate(Path out, int trainCount, int testCount, long seed) {
    if (trainCount < 0 || testCount < 0) {
      throw new IllegalArgumentException("sample counts must be >= 0, got train " + trainCount + ", test "
          + testCount);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Set<String> trainScenes = new HashSet<>();
      int[] written = new int[1];
      List<SynthSample> train = split(pool, out, 0, trainCount, 0, seed, trainScenes, null, written);
      List<SynthSample> test = split(pool, out, 1, testCount, trainCount, seed, null, trainScenes, written);
      writeJson(out.resolve("train.json"), train);
      writeJson(out.resolve("test.json"), test);
      writeJson(out.resolve("synth.json"), describe(seed, trainCount, testCount));
      return new Result(train, test, written[0]);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<SynthSample> split(ExecutorService pool, Path out, int split, int count, int firstId, long seed,
                                  Set<String> record, Set<String> avoid, int[] written) {
    List<Future<Generated>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      futures.add(pool.submit(() -> one(out, split, index, firstId + index, seed, avoid)));
    }
    List<SynthSample> samples = new ArrayList<>();
    for (Future<Generated> f : futures) {
      Generated g = join(f);
      samples.add(g.world().sample());
      if (record != null) {
        record.add(sceneKey(g.world().scene()));
      }
      written[0] += g.encoded() ? 1 : 0;
    }
    return samples;
  }

  private record Generated(SynthWorld.Generated world, boolean encoded) {}

  private Generated one(Path out, int split, int index, int problemId, long seed, Set<String> avoid) {
    String relative = relativePath(split, index);
    SynthWorld.Generated g;
    int attempt = 0;
    do {
      g = generated(split, index, problemId, seed, attempt++);
    } while (avoid != null && avoid.contains(sceneKey(g.scene())));
    Path file = out.resolve(relative);
    if (Files.exists(file)) {
      return new Generated(g, false);
    }
    sink.write(file, renderer.render(g.scene()), g.scene().fps());
    return new Generated(g, true);
  }

  /**
   * Training sample {@code index} of a run with {@code seed}, regenerated without I/O: the same record as in
   * {@code train.json} plus its scene graph (training samples never need a second attempt).
   */
  public SynthWorld.Generated trainSample(int index, long seed) {
    return generated(0, index, index, seed, 0);
  }

  private SynthWorld.Generated generated(int split, int index, int problemId, long seed, int attempt) {
    QuestionKind kind = QuestionKind.values()[index % QuestionKind.values().length];
    return world.generate(problemId, "./" + relativePath(split, index), kind,
        SynthWorld.sampleSeed(seed, split, index, attempt));
  }

  private static String relativePath(int split, int index) {
    return "clips/" + SPLITS[split] + "/" + String.format("%06d.mp4", index);
  }

  /** Identity of a clip's content apart from its noise: equal keys would be the same clip. */
  private static String sceneKey(Scene scene) {
    return scene.objects() + "|" + scene.words();
  }

  private Map<String, Object> describe(long seed, int train, int test) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("train", train);
    m.put("test", test);
    m.put("knobs", world.knobs());
    return m;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("synthetic generation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static void writeJson(Path file, Object value) {
    try {
      byte[] json = Json.PRETTY.writeValueAsBytes(value);
      AtomicFiles.write(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
