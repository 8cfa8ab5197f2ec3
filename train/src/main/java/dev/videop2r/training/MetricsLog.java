package dev.videop2r.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-step metrics as JSON lines in {@code <run>/metrics.jsonl}, one object per optimizer step with at least
 * {@code step}. Each line is flushed as written. On resume the rows after the checkpoint's step are dropped first
 * (atomically), so the replayed steps are not logged twice.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public MetricsLog(Path file, int keepUpToStep) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      truncateAfter(file, keepUpToStep);
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open metrics log " + file, e);
    }
  }

  public void append(Map<String, Object> row) {
    try {
      out.write(JSON.writeValueAsString(row));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the metrics log", e);
    }
  }

  /** Reads every row of a metrics file (for plots); a malformed line is an error naming its number. */
  public static List<JsonNode> read(Path file) {
    List<JsonNode> rows = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        try {
          rows.add(JSON.readTree(lines.get(i)));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage());
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
    List<String> kept = new ArrayList<>();
    for (JsonNode row : read(file)) {
      if (row.path("step").asInt() <= step) {
        kept.add(JSON.writeValueAsString(row));
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, kept, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
