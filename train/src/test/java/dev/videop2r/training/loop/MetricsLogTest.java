package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash can cut the last metrics line short; that tail must block neither --resume nor plot. */
class MetricsLogTest {
  private static final String ROWS = "{\"step\":1,\"loss\":2.0}\n{\"step\":2,\"loss\":1.5}\n{\"step\":3,\"loss\":1.2}\n";

  @Test
  void aTornLastLineIsIgnoredByPlotAndDroppedOnResume(@TempDir Path run) throws Exception {
    Path file = run.resolve("metrics.jsonl");
    Files.writeString(file, ROWS + "{\"step\":4,\"lo");

    assertEquals(3, MetricsLog.read(file).size());
    assertTrue(TrainingCurves.draw(run).stream().anyMatch(p -> p.getFileName().toString().equals("loss.png")));

    try (MetricsLog log = new MetricsLog(file, 3)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step", 4);
      row.put("loss", 1.0);
      log.append(row);
    }
    assertEquals(ROWS + "{\"step\":4,\"loss\":1.0}\n", Files.readString(file));
  }

  @Test
  void aDamagedCompleteLineIsStillAnErrorNamingIt(@TempDir Path run) throws Exception {
    Path file = run.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":1}\n{\"st\n{\"step\":3}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: not JSON"), e.getMessage());
  }
}
