package dev.videop2r.bench.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.io.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/bench train-step}: forward + backward of the same small Qwen2.5-VL (same weights, same batch) in Java
 * (DJL, {@link TrainStepBench}) and in PyTorch eager ({@code bench/model/train_step_torch.py}), each in its own
 * process on one intra-op thread, alternating the sides for a few rounds; prints process CPU time per step, tokens
 * per CPU-second and the ratio per shape (the best round of each side: on a shared machine other load only ever
 * adds time). Says so and prints the Java side alone when PyTorch is not installed.
 *
 * <p>The default measures steady state, as a training run of hundreds of steps sees it: 30 warm-up steps, then 30
 * measured. A JVM compiles its hot code mostly over its first ~25 steps here, and a short window pays that in full
 * (at 2 x 256, 15 of its 152 ms per step after 3 warm-up steps); the table shows the JIT's compile time over the
 * measured steps either way (elapsed time of the compile tasks: about their CPU time on a quiet machine).
 *
 * <p>Usage: {@code TrainStepComparison CONFIG.json TORCH_SCRIPT [--shapes 2x256,4x512] [--steps 30] [--warmup 30]
 * [--rounds 2] [--python /usr/bin/python3] [--profile DIR]}.
 */
public final class TrainStepComparison {

  private record Shape(int batch, int length) {
    static Shape parse(String s) {
      String[] p = s.split("x");
      if (p.length != 2) {
        throw new IllegalArgumentException("--shapes: expected BxL (e.g. 2x256), got " + s);
      }
      return new Shape(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    int tokens() {
      return batch * length;
    }
  }

  /** One side's best round; jitMs is the Java side's compile time per measured step (NaN for PyTorch). */
  private record Side(double cpuMs, double jitMs, double loss) {
    static Side of(Map<String, Double> r) {
      return new Side(r.get("cpu_ms"), r.getOrDefault("jit_ms", Double.NaN), r.get("loss"));
    }

    Side best(Side other) {
      return other == null || cpuMs <= other.cpuMs ? this : other;
    }
  }

  private TrainStepComparison() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: TrainStepComparison CONFIG.json TORCH_SCRIPT [--shapes 2x256,4x512] "
          + "[--steps 30] [--warmup 30] [--rounds 2] [--python /usr/bin/python3] [--profile DIR]");
    }
    Path config = Path.of(args[0]);
    Path script = Path.of(args[1]);
    List<Shape> shapes = new ArrayList<>();
    int steps = 30;
    int warmup = 30;
    int rounds = 2;
    String python = "/usr/bin/python3";
    Path profile = null;
    String shapeList = "2x256,4x512";
    for (int i = 2; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--shapes" -> shapeList = v;
        case "--steps" -> steps = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--rounds" -> rounds = Integer.parseInt(v);
        case "--python" -> python = v;
        case "--profile" -> profile = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    for (String s : shapeList.split(",")) {
      shapes.add(Shape.parse(s.trim()));
    }
    String torch = torchVersion(python);
    QwenConfig cfg = QwenConfig.read(config);
    Path work = Files.createTempDirectory("train-step-bench");
    try {
      Path model = work.resolve("model");
      try (NDManager manager = NDManager.newBaseManager(); QwenVLModel m = QwenVLModel.init(cfg, 1, manager)) {
        m.save(model, TensorDType.F32);
      }
      System.out.printf("model %s (random, seed 1); %d CPU cores; load average at start %s%n", config,
          Runtime.getRuntime().availableProcessors(), ChildRun.load());
      System.out.println(torch == null ? "PyTorch side: NOT RUN - " + torchMissing(python)
          : "PyTorch side: torch " + torch + " eager, " + (ChildRun.openBlas() ? "OpenBLAS (pthread build), "
              : "default BLAS (install libopenblas0-pthread for a fair side), ") + "1 thread");
      List<String> rows = new ArrayList<>();
      for (Shape shape : shapes) {
        Path batch = work.resolve("batch-" + shape.batch() + "x" + shape.length() + ".safetensors");
        BenchBatch.create(cfg, shape.batch(), shape.length(), 1234).write(batch);
        List<String> common = List.of(model.toString(), batch.toString(), String.valueOf(warmup),
            String.valueOf(steps));
        Side java = null;
        Side py = null;
        for (int round = 0; round < rounds; round++) {
          java = Side.of(ChildRun.result(ChildRun.java(TrainStepBench.class.getName(), common), Map.of()))
              .best(java);
          if (torch != null) {
            List<String> command = new ArrayList<>(List.of(python, script.toString()));
            command.addAll(common);
            py = Side.of(ChildRun.result(command, ChildRun.pythonEnvironment())).best(py);
          }
        }
        if (profile != null) {
          writeProfiles(profile, shape, common, python, script, torch != null);
        }
        rows.add(row(shape, java, py));
      }
      System.out.printf("load average at end %s; process CPU time per step, best of %d rounds of %d steps after %d "
          + "warm-up steps%n%n", ChildRun.load(), rounds, steps, warmup);
      System.out.println("| shape (B x L) | Java (DJL) CPU ms/step | of which JIT compiling (elapsed) | Java tokens/CPU-s "
          + "| PyTorch eager CPU ms/step | PyTorch tokens/CPU-s | Java / PyTorch | loss Java / PyTorch |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
      rows.forEach(System.out::println);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String row(Shape shape, Side java, Side py) {
    double javaRate = shape.tokens() / (java.cpuMs() / 1000);
    if (py == null) {
      return String.format("| %d x %d | %.1f | %.1f | %,.0f | not run | | | %.4f / - |", shape.batch(),
          shape.length(), java.cpuMs(), java.jitMs(), javaRate, java.loss());
    }
    double pyRate = shape.tokens() / (py.cpuMs() / 1000);
    return String.format("| %d x %d | %.1f | %.1f | %,.0f | %.1f | %,.0f | **%.2fx** | %.4f / %.4f |", shape.batch(),
        shape.length(), java.cpuMs(), java.jitMs(), javaRate, py.cpuMs(), pyRate, javaRate / pyRate, java.loss(),
        py.loss());
  }

  /** Chrome traces of three profiled steps per side (libtorch's profiler), for a per-op breakdown. */
  private static void writeProfiles(Path dir, Shape shape, List<String> common, String python, Path script,
      boolean torch) throws IOException {
    Files.createDirectories(dir);
    String name = shape.batch() + "x" + shape.length();
    List<String> args = new ArrayList<>(common);
    args.add(dir.resolve("java-" + name + ".json").toAbsolutePath().toString());
    ChildRun.result(ChildRun.java(TrainStepBench.class.getName(), args), Map.of());
    if (torch) {
      List<String> command = new ArrayList<>(List.of(python, script.toString()));
      command.addAll(common);
      command.add(dir.resolve("torch-" + name + ".json").toAbsolutePath().toString());
      ChildRun.result(command, ChildRun.pythonEnvironment());
    }
  }

  /** torch's version, or null when the interpreter or torch is missing. */
  private static String torchVersion(String python) {
    try {
      return ChildRun.run(List.of(python, "-c", "import torch; print(torch.__version__)"), ChildRun.pythonEnvironment())
          .strip().lines().reduce((a, b) -> b).orElse("?");
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static String torchMissing(String python) {
    String why;
    try {
      ChildRun.run(List.of(python, "-c", "import torch"), ChildRun.pythonEnvironment());
      why = "unknown";
    } catch (IllegalStateException e) {
      String[] lines = e.getMessage().strip().split("\n");
      why = lines[lines.length - 1];
    }
    return python + " cannot import torch (" + why + "). Install Debian's PyTorch and OpenBLAS: "
        + "apt-get install -y python3-torch libopenblas0-pthread (or pass --python PATH). Java figures only.";
  }
}
