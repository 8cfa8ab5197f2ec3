package dev.videop2r.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.videop2r.pipeline.TestSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Video-R1-260k-sized JSON array (263,071 records, ~100 MB) is read by a child JVM capped at a 64 MB heap:
 * the reader streams, it never holds the file.
 */
class StreamingMemoryTest {

  private static final int RECORDS = 263_071;

  @TempDir Path dir;

  @Test
  void a263kRecordArrayStreamsThroughA64MbHeap() throws Exception {
    Path file = dir.resolve("Video-R1-260k.json");
    try (JsonGenerator g = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
      g.writeStartArray();
      for (int i = 1; i <= RECORDS; i++) {
        SampleJson.write(g, TestSamples.sample(i), false);
      }
      g.writeEndArray();
    }
    assertTrue(Files.size(file) > 64L << 20, "the file must be larger than the heap: " + Files.size(file));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        StreamingMemoryChild.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("TOTAL " + RECORDS), output);
  }
}
