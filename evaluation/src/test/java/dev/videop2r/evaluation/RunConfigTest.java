package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json read back as the typed settings a later command (eval mismatch, eval table) needs. */
class RunConfigTest {

  private static RunConfig config(String benchmark, String format) {
    return new RunConfig(benchmark, "/a/eval_mvbench.json", format, "", "m", "label", 16, 100, "process-aware",
        "video", "");
  }

  @Test
  void theRecordedBenchmarkAndFormatReadBackAsTheirEnums() {
    assertEquals(Benchmark.MVBENCH, config("mvbench", "auto").bench());
    assertEquals(AnnotationFormat.AUTO, config("mvbench", "auto").annotationFormat());
    assertEquals(AnnotationFormat.VIDEO_R1, config("mvbench", "video-r1").annotationFormat());
    assertEquals(AnnotationFormat.OFFICIAL, config("mvbench", "official").annotationFormat());
  }

  @Test
  void anUnknownFormatIsAnErrorNamingRunJsonNotAGuess() {
    var e = assertThrows(IllegalArgumentException.class, () -> config("mvbench", "offical").annotationFormat());
    assertTrue(e.getMessage().startsWith("run.json: format 'offical' is not one of"), e.getMessage());
  }

  @Test
  void aConfigWrittenToARunDirectoryReadsBackEqual(@TempDir Path dir) {
    RunDirectory run = new RunDirectory(dir);
    RunConfig written = config("videomme", "official");
    run.writeConfig(written);
    RunConfig read = run.config().orElseThrow();
    assertEquals(written, read);
    assertEquals(Benchmark.VIDEO_MME, read.bench());
    assertEquals(AnnotationFormat.OFFICIAL, read.annotationFormat());
  }
}
