package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 on a real child JVM at several points of a run, then resume: nothing lost, nothing duplicated, and the
 * published dataset is byte-identical to an uninterrupted run's.
 */
class KillResumeTest {

  private static final int SAMPLES = 240;
  private static final long DELAY_MS = 15;

  @TempDir Path dir;

  /** A child JVM and the file its output goes to. */
  private record Child(Process process, Path log) {}

  private Child start(Path input, Path out, boolean resume) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("child-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KillResumeChild.class.getName(), input.toString(), out.toString(), Boolean.toString(resume),
        Long.toString(DELAY_MS))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new Child(p, log);
  }

  private static int journalLines(Path out) throws IOException {
    Path j = out.resolve(CotPipeline.JOURNAL);
    if (!Files.exists(j)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(j);
    int n = 0;
    for (byte c : b) {
      n += c == '\n' ? 1 : 0;
    }
    return n;
  }

  private static void finish(Child c) throws InterruptedException, IOException {
    assertTrue(c.process().waitFor(120, TimeUnit.SECONDS), "child did not finish");
    assertEquals(0, c.process().exitValue(), Files.readString(c.log()));
  }

  @Test
  void killedRunsResumeToTheUninterruptedOutput() throws Exception {
    Path input = TestSamples.writeArray(dir.resolve("in.json"), TestSamples.samples(SAMPLES));

    Path reference = dir.resolve("reference");
    finish(start(input, reference, false));

    Path out = dir.resolve("killed");
    int kills = 0;
    boolean resume = false;
    for (int target : new int[] {20, 90, 170}) {
      Process p = start(input, out, resume).process();
      while (p.isAlive() && journalLines(out) < target) {
        Thread.sleep(2);
      }
      if (p.isAlive()) {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        p.waitFor();
        kills++;
      }
      resume = true;
      assertFalse(Files.exists(out.resolve("dataset")), "a killed run must not have published");
    }
    assertTrue(kills >= 2, "the child finished before it could be killed; kills=" + kills);
    finish(start(input, out, true));

    // Nothing lost, nothing duplicated: one outcome per record, all records present.
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(out.resolve(CotPipeline.JOURNAL));
    Set<Long> numbers = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      JsonNode n = json.readTree(line.substring(9));
      assertTrue(numbers.add(n.get("number").asLong()), "duplicate outcome for " + n.get("number"));
    }
    assertEquals(SAMPLES, numbers.size());

    TreeMap<String, byte[]> expected = snapshot(reference.resolve("dataset"));
    TreeMap<String, byte[]> actual = snapshot(out.resolve("dataset"));
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name), actual.get(name), name);
    }
  }

  private static TreeMap<String, byte[]> snapshot(Path d) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(d)) {
      for (Path p : new ArrayList<>(s.toList())) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
