package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendLogTest {

  @TempDir Path dir;

  private static List<String> replay(Path f) throws IOException {
    List<String> seen = new ArrayList<>();
    AppendLog.open(f, (offset, json) -> seen.add(json)).close();
    return seen;
  }

  @Test
  void entriesSurviveReopenAndCanBeReadByOffset() throws IOException {
    Path f = dir.resolve("log.jsonl");
    long second;
    try (AppendLog log = AppendLog.open(f, (o, j) -> { })) {
      log.append("{\"a\":1}");
      second = log.append("{\"b\":\"é\"}");
    }
    assertEquals(List.of("{\"a\":1}", "{\"b\":\"é\"}"), replay(f));
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      assertEquals("{\"b\":\"é\"}", AppendLog.readAt(ch, second));
    }
  }

  @Test
  void everyTornTailIsDroppedAndAppendingContinuesCleanly() throws IOException {
    Path whole = dir.resolve("whole.jsonl");
    try (AppendLog log = AppendLog.open(whole, (o, j) -> { })) {
      log.append("{\"n\":1}");
      log.append("{\"n\":2}");
    }
    byte[] bytes = Files.readAllBytes(whole);
    int firstEnd = new String(bytes, StandardCharsets.UTF_8).indexOf('\n') + 1;
    // A kill -9 can stop the second write after any number of bytes.
    for (int cut = firstEnd; cut < bytes.length; cut++) {
      Path f = dir.resolve("cut" + cut + ".jsonl");
      Files.write(f, java.util.Arrays.copyOf(bytes, cut));
      assertEquals(List.of("{\"n\":1}"), replay(f), "cut at " + cut);
      assertEquals(firstEnd, Files.size(f));
      try (AppendLog log = AppendLog.open(f, (o, j) -> { })) {
        log.append("{\"n\":3}");
      }
      assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), replay(f));
    }
  }

  @Test
  void aDamagedLineInTheMiddleIsRefused() throws IOException {
    Path f = dir.resolve("log.jsonl");
    try (AppendLog log = AppendLog.open(f, (o, j) -> { })) {
      log.append("{\"n\":1}");
      log.append("{\"n\":2}");
    }
    String text = Files.readString(f).replaceFirst("\"n\":1", "\"n\":7");
    Files.writeString(f, text);
    IOException e = assertThrows(IOException.class, () -> replay(f));
    assertTrue(e.getMessage().contains("line 1 is damaged"), e.getMessage());
  }

  @Test
  void aDamagedCompleteLastLineIsRefusedAndTheFileKept() throws IOException {
    Path f = dir.resolve("log.jsonl");
    try (AppendLog log = AppendLog.open(f, (o, j) -> { })) {
      log.append("{\"n\":1}");
      log.append("{\"n\":2}");
    }
    String text = Files.readString(f).replaceFirst("\"n\":2", "\"n\":8");
    Files.writeString(f, text);
    IOException e = assertThrows(IOException.class, () -> replay(f));
    assertTrue(e.getMessage().contains("line 2 is damaged"), e.getMessage());
    assertEquals(text, Files.readString(f), "a damaged complete line is not a torn tail: nothing is cut");
  }

  @Test
  void twoWritersOnOneFileInterleaveWithoutLosingAnEntry() throws IOException {
    Path f = dir.resolve("shared.jsonl");
    try (AppendLog a = AppendLog.open(f, (o, j) -> { }); AppendLog b = AppendLog.open(f, (o, j) -> { })) {
      for (int i = 0; i < 3; i++) {
        a.append("{\"a\":" + i + "}");
        b.append("{\"b\":" + i + "}");
      }
    }
    List<String> seen = replay(f);
    assertEquals(6, seen.size(), seen.toString());
    assertTrue(seen.containsAll(List.of("{\"a\":2}", "{\"b\":2}")), seen.toString());
  }

  @Test
  void aWriterFindingAnotherWritersTornTailCutsItBeforeAppending() throws IOException {
    Path f = dir.resolve("torn.jsonl");
    try (AppendLog log = AppendLog.open(f, (o, j) -> { })) {
      log.append("{\"n\":1}");
      // Another process dies mid-write while this one holds the log open.
      Files.write(f, "0000abcd {\"n\":\"a value longer than the next entry".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
      log.append("{\"n\":2}");
    }
    assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), replay(f));
  }

  @Test
  void twoProcessesAppendingToOneLogLoseNothing() throws Exception {
    Path f = dir.resolve("shared-by-processes.jsonl");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (String tag : List.of("a", "b")) {
      children.add(new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          AppendLogWriterChild.class.getName(), f.toString(), tag, "300", dir.resolve(tag + ".ready").toString(),
          dir.resolve("go").toString()).inheritIO().start());
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(dir.resolve("a.ready")) && Files.exists(dir.resolve("b.ready")))) {
      assertTrue(System.nanoTime() < deadline, "the writer processes did not start");
      Thread.sleep(10);
    }
    Files.createFile(dir.resolve("go")); // both have opened the log: now they append at the same time
    for (Process p : children) {
      assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "a writer process hung");
      assertEquals(0, p.exitValue());
    }
    List<String> seen = replay(f);
    assertEquals(600, seen.size());
    assertEquals(600, new java.util.HashSet<>(seen).size());
  }
}
