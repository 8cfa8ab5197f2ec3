package dev.videop2r.evaluation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import dev.videop2r.io.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams the records of an annotation file one at a time, whatever its shape: a JSON array, JSON Lines,
 * or a JSON object whose top-level fields are records (TempCompass's {@code {video_id: {...}}} files).
 * A JSON Lines line that does not parse is reported and the stream goes on; a syntax error inside one
 * JSON document ends that document (nothing after it can be located), reported as one error.
 */
final class JsonRecords {

  /** Receives records; returns false to stop early. */
  interface Sink {
    boolean record(JsonNode node, long position, String location);

    void malformed(String location, String message);
  }

  private static final ObjectMapper MAPPER = Json.MAPPER;

  private JsonRecords() {}

  static void read(Path file, Sink sink) {
    try {
      int first = firstNonBlank(file);
      if (first < 0) {
        return;
      }
      if (first != '[' && !isSingleObjectDocument(file)) {
        readLines(file, sink);
      } else {
        readDocument(file, first == '[', sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read annotations " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file's bytes, gunzipped when it is gzip. */
  private static InputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return JsonLines.decompressed(file, raw);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** A file starting with '{' is one object document unless its first line is a complete object (JSONL). */
  private static boolean isSingleObjectDocument(Path file) throws IOException {
    try (JsonLines lines = JsonLines.open(file)) {
      JsonLines.Line line;
      while ((line = lines.next()) != null && line.isBlank()) {
        // leading blank lines carry nothing
      }
      if (line == null) {
        return false;
      }
      try {
        MAPPER.readTree(line.text());
        return false;
      } catch (IOException notACompleteLine) {
        return true;
      }
    }
  }

  /** The first byte that is not white space or a byte-order mark, or -1 for a blank file. */
  private static int firstNonBlank(Path file) throws IOException {
    try (InputStream in = open(file)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
      return c;
    }
  }

  private static void readLines(Path file, Sink sink) throws IOException {
    long position = 0;
    try (JsonLines lines = JsonLines.open(file)) {
      for (JsonLines.Line line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String location = file.getFileName() + " line " + line.number();
        JsonNode node;
        try {
          node = MAPPER.readTree(line.text());
        } catch (IOException e) {
          sink.malformed(location, "not valid JSON: " + firstLine(e.getMessage()));
          position++;
          continue;
        }
        if (!sink.record(node, position++, location)) {
          return;
        }
      }
    }
  }

  private static void readDocument(Path file, boolean array, Sink sink) throws IOException {
    long position = 0;
    try (InputStream in = open(file); JsonParser parser = MAPPER.getFactory().createParser(in)) {
      parser.nextToken();
      JsonToken end = array ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null || token == end) {
          return;
        }
        String key = array ? null : parser.currentName();
        if (!array) {
          parser.nextToken();
        }
        JsonNode node = parser.readValueAsTree();
        String location =
            file.getFileName() + (array ? " record #" + position : " key '" + key + "'");
        if (!array) {
          node = entry(key, node);
        }
        if (!sink.record(node, position++, location)) {
          return;
        }
      }
    } catch (IOException e) {
      sink.malformed(
          file.getFileName() + " after record #" + position,
          "JSON syntax error, the rest of the file cannot be read: " + firstLine(e.getMessage()));
    }
  }

  /** A top-level field of an object document as a record: {@code {"key": name, "value": value}}. */
  static JsonNode entry(String key, JsonNode value) {
    return MAPPER.createObjectNode().put("key", key).set("value", value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
