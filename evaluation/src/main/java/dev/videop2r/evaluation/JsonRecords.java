package dev.videop2r.evaluation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    try (Reader raw = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        PushbackReader in = new PushbackReader(raw, 1)) {
      int first = firstNonBlank(in);
      if (first < 0) {
        return;
      }
      in.unread(first);
      boolean jsonLines = first != '[' && !isSingleObjectDocument(file);
      if (jsonLines) {
        readLines(file, new BufferedReader(in), sink);
      } else {
        readDocument(file, in, first == '[', sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read annotations " + file + ": " + e.getMessage(), e);
    }
  }

  /** A file starting with '{' is one object document unless its first line is a complete object (JSONL). */
  private static boolean isSingleObjectDocument(Path file) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null && line.isBlank()) {
        // leading blank lines carry nothing
      }
      if (line == null) {
        return false;
      }
      try {
        MAPPER.readTree(line);
        return false;
      } catch (IOException notACompleteLine) {
        return true;
      }
    }
  }

  private static int firstNonBlank(Reader in) throws IOException {
    int c;
    do {
      c = in.read();
    } while (c >= 0 && (Character.isWhitespace(c) || c == '\uFEFF'));
    return c;
  }

  private static void readLines(Path file, BufferedReader in, Sink sink) throws IOException {
    String line;
    long lineNo = 0;
    long position = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String location = file.getFileName() + " line " + lineNo;
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
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

  private static void readDocument(Path file, Reader in, boolean array, Sink sink) throws IOException {
    long position = 0;
    try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
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
