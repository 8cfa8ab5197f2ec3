package dev.videop2r.bench.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of a comparison run in its own process (so each side's process CPU time is its own): the command's
 * {@code result key=value ...} line parsed into numbers.
 */
final class ChildRun {

  private ChildRun() {}

  /**
   * The JVM running this class, on this classpath, with the launcher's garbage collector settings (bin/videop2r),
   * libtorch pinned to one intra-op and one inter-op thread.
   */
  static List<String> java(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:+UseSerialGC", "-Xmn512m",
        "-Dslf4j.internal.verbosity=ERROR",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return command;
  }

  /**
   * Environment for the PyTorch side: one thread, and Debian's torch pointed at OpenBLAS (it links the reference
   * BLAS by default, about 10x slower) when libopenblas0-pthread is installed.
   */
  static Map<String, String> pythonEnvironment() {
    Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1"));
    Path openblas = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");
    if (Files.isDirectory(openblas)) {
      env.put("LD_LIBRARY_PATH", openblas.toString());
    }
    return env;
  }

  static boolean openBlas() {
    return pythonEnvironment().containsKey("LD_LIBRARY_PATH");
  }

  /** Runs the command; its {@code result} line as numbers. Fails with the command's output when it fails. */
  static Map<String, Double> result(List<String> command, Map<String, String> env) {
    String output = run(command, env);
    for (String line : output.split("\n")) {
      if (line.startsWith("result ")) {
        Map<String, Double> values = new HashMap<>();
        for (String pair : line.substring("result ".length()).trim().split("\\s+")) {
          String[] kv = pair.split("=", 2);
          values.put(kv[0], Double.parseDouble(kv[1]));
        }
        return values;
      }
    }
    throw new IllegalStateException("no result line from " + String.join(" ", command) + ":\n" + output);
  }

  /** Exit status 0 and its output, or an exception holding the output. */
  static String run(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      if (status != 0) {
        throw new IllegalStateException(command.getFirst() + " exited with " + status + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The first line of /proc/loadavg (1, 5 and 15 minute load averages), or "unknown". */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
