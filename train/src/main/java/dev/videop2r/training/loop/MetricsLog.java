package dev.videop2r.training.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import dev.videop2r.io.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-step metrics as JSON lines in {@code <run>/metrics.jsonl}, one object per optimizer step with at least
 * {@code step}. Each line is written whole as it comes; {@link #sync} makes the rows so far durable (the run
 * calls it before each checkpoint). On open the rows after the checkpoint's step are dropped first (an atomic,
 * synced rewrite), so the replayed steps are not logged twice. A final line cut short by a crash (no newline,
 * not JSON) is ignored by readers and removed by that rewrite.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final FileChannel out;

  public MetricsLog(Path file, int keepUpToStep) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      truncateAfter(file, keepUpToStep);
      out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open metrics log " + file, e);
    }
  }

  public void append(Map<String, Object> row) {
    try {
      ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        out.write(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the metrics log", e);
    }
  }

  /** Flushes the rows written so far to the device. */
  public void sync() {
    try {
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the metrics log", e);
    }
  }

  /**
   * Reads every row of a metrics file (for plots and resume). A malformed line is an error naming its number,
   * except an unterminated last line that is not JSON: the tail of a write cut short, skipped.
   */
  public static List<JsonNode> read(Path file) {
    List<JsonNode> rows = new ArrayList<>();
    try (JsonLines lines = JsonLines.open(file).dropTornTail()) {
      for (JsonLines.Line line; (line = lines.next()) != null; ) {
        if (!line.isBlank()) {
          rows.add(line.json());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metrics " + file, e);
    }
    return rows;
  }

  private static void truncateAfter(Path file, int step) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (JsonNode row : read(file)) {
      if (row.path("step").asInt() <= step) {
        kept.append(JSON.writeValueAsString(row)).append('\n');
      }
    }
    AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the metrics log", e);
    }
  }
}
