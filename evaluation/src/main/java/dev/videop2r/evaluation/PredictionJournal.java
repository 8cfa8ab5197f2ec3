package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import dev.videop2r.io.JsonLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictions as an append-only JSON Lines journal, one {@code {"problem_id", "output"[, "error"]}} per
 * line, flushed line by line, so a killed run loses at most the line being written. Reading keeps the
 * last line of each id (a retried item appends a new line; nothing is rewritten). A torn last line (no
 * newline, not JSON) is reported and its item is redone.
 */
public final class PredictionJournal implements AutoCloseable {

  private static final ObjectMapper MAPPER = Json.MAPPER;

  private final BufferedWriter out;

  private PredictionJournal(BufferedWriter out) {
    this.out = out;
  }

  /** Opens for appending, first ending a torn last line so the next record starts on its own line. */
  public static PredictionJournal open(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      boolean needsNewline = false;
      if (Files.exists(file) && Files.size(file) > 0) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
          raf.seek(raf.length() - 1);
          needsNewline = raf.read() != '\n';
        }
      }
      BufferedWriter writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (needsNewline) {
        writer.write('\n');
        writer.flush();
      }
      return new PredictionJournal(writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open predictions journal " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized void append(Prediction prediction) {
    ObjectNode line = MAPPER.createObjectNode();
    putId(line, prediction.id());
    line.put("output", prediction.output());
    if (prediction.failed()) {
      line.put("error", prediction.error());
    }
    try {
      out.write(MAPPER.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to predictions journal: " + e.getMessage(), e);
    }
  }

  /** Numeric ids are written as JSON numbers, as in Video-R1 files. */
  static void putId(ObjectNode node, String id) {
    if (id.matches("\\d{1,18}")) {
      node.put("problem_id", Long.parseLong(id));
    } else {
      node.put("problem_id", id);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close predictions journal: " + e.getMessage(), e);
    }
  }

  /** The predictions of a journal or of a user's predictions file, last line per id winning. */
  public record Contents(Map<String, Prediction> predictions, List<RecordError> errors) {}

  public static Contents read(Path file) {
    Map<String, Prediction> predictions = new LinkedHashMap<>();
    List<RecordError> errors = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Contents(predictions, errors);
    }
    try (JsonLines lines = JsonLines.open(file)) {
      for (JsonLines.Line line; (line = lines.next()) != null; ) {
        if (!line.isBlank()) {
          readLine(line, predictions, errors);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read predictions " + file + ": " + e.getMessage(), e);
    }
    return new Contents(predictions, errors);
  }

  private static void readLine(JsonLines.Line line, Map<String, Prediction> predictions, List<RecordError> errors) {
    String location = line.file().getFileName() + " line " + line.number();
    JsonNode node;
    try {
      node = MAPPER.readTree(line.text());
    } catch (IOException e) {
      errors.add(new RecordError(location, "not valid JSON (a torn line from an interrupted run is redone)"));
      return;
    }
    JsonNode id = node.get("problem_id");
    JsonNode output = node.get("output");
    if (id == null || !id.isValueNode() || id.isNull()) {
      errors.add(new RecordError(location, "missing 'problem_id'"));
      return;
    }
    if (output == null || !output.isTextual()) {
      errors.add(new RecordError(location, "missing or non-string 'output'"));
      return;
    }
    JsonNode error = node.get("error");
    predictions.put(
        id.asText(),
        new Prediction(id.asText(), output.asText(), error == null || error.isNull() ? null : error.asText()));
  }
}
