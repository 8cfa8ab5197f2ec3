package dev.videop2r.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts between JSON objects and {@link Sample}s. Reading accepts every schema this project meets:
 * Video-R1-260k / COT-165k (typed values), VideoP2R-CoT-162K (typed), VideoP2R-RL-263K (every value a string,
 * lists as JSON or Python literals, booleans as {@code True}/{@code true}). Writing emits typed values, or all
 * strings for the RL layout.
 */
public final class SampleJson {

  private static final ObjectMapper MAPPER = Json.MAPPER;

  private SampleJson() {}

  /** Reads one record; a missing or unusable field throws {@link IllegalArgumentException} naming the field. */
  public static Sample fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("record is not a JSON object");
    }
    CotTrace trace = null;
    if (has(o, "observation") || has(o, "process") || has(o, "output")) {
      trace = new CotTrace(
          optText(o, "observation"), optText(o, "process"), optText(o, "output"), optText(o, "answer"),
          optDouble(o, "reward"), optBoolean(o, "select"), optText(o, "clean_version"));
    }
    return new Sample(
        requiredLong(o, "problem_id"),
        requiredText(o, "problem"),
        parse(o, "data_type", DataType::parse),
        parse(o, "problem_type", ProblemType::parse),
        stringList(o, "options"),
        requiredText(o, "solution"),
        requiredText(o, "path"),
        optText(o, "data_source"),
        stringList(o, "facts"),
        optText(o, "rationale"),
        trace);
  }

  /** Reads one record from JSON text. */
  public static Sample fromJson(String json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes one record as a JSON object in the VideoP2R release layout. With {@code allStrings} every value is a
   * string (the RL release's layout); lists are then JSON-encoded strings.
   */
  public static void write(JsonGenerator g, Sample s, boolean allStrings) throws IOException {
    g.writeStartObject();
    if (allStrings) {
      g.writeStringField("problem_id", Long.toString(s.problemId()));
    } else {
      g.writeNumberField("problem_id", s.problemId());
    }
    g.writeStringField("problem", s.problem());
    g.writeStringField("data_type", s.dataType().wireName());
    g.writeStringField("problem_type", s.problemType().wireName());
    writeList(g, "options", s.options(), allStrings);
    g.writeStringField("solution", s.solution());
    g.writeStringField("path", s.path());
    g.writeStringField("data_source", s.dataSource());
    if (!s.facts().isEmpty()) {
      writeList(g, "facts", s.facts(), allStrings);
    }
    if (s.rationale() != null) {
      g.writeStringField("rationale", s.rationale());
    }
    CotTrace t = s.trace();
    if (t != null) {
      writeOptString(g, "answer", t.answer());
      writeOptString(g, "observation", t.observation());
      writeOptString(g, "process", t.process());
      writeOptString(g, "output", t.output());
      if (t.reward() != null) {
        if (allStrings) {
          g.writeStringField("reward", Double.toString(t.reward()));
        } else {
          g.writeNumberField("reward", t.reward());
        }
      }
      if (t.select() != null) {
        if (allStrings) {
          g.writeStringField("select", t.select() ? "True" : "False");
        } else {
          g.writeBooleanField("select", t.select());
        }
      }
      writeOptString(g, "clean_version", t.cleanVersion());
    }
    g.writeEndObject();
  }

  private static void writeList(JsonGenerator g, String field, List<String> values, boolean asString)
      throws IOException {
    if (asString) {
      g.writeStringField(field, MAPPER.writeValueAsString(values));
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeOptString(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private interface Parser<T> {
    T parse(String s);
  }

  private static <T> T parse(JsonNode o, String field, Parser<T> parser) {
    String text = requiredText(o, field);
    try {
      return parser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  private static boolean has(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && !n.isNull();
  }

  private static String requiredText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (!n.isValueNode()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, got " + n.getNodeType());
    }
    return n.asText();
  }

  private static String optText(JsonNode o, String field) {
    return has(o, field) ? requiredText(o, field) : null;
  }

  private static long requiredLong(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText().strip());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + n);
  }

  private static Double optDouble(JsonNode o, String field) {
    if (!has(o, field)) {
      return null;
    }
    JsonNode n = o.get(field);
    if (n.isNumber()) {
      return n.asDouble();
    }
    String t = n.asText().strip();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' must be a number, got " + n, e);
    }
  }

  private static Boolean optBoolean(JsonNode o, String field) {
    if (!has(o, field)) {
      return null;
    }
    JsonNode n = o.get(field);
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return switch (n.asText().strip().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      case "" -> null;
      default -> throw new IllegalArgumentException("field '" + field + "' must be a boolean, got " + n);
    };
  }

  /** A list of strings: a JSON array, or (RL layout) a string holding a JSON or Python list literal. */
  private static List<String> stringList(JsonNode o, String field) {
    if (!has(o, field)) {
      return List.of();
    }
    JsonNode n = o.get(field);
    if (n.isArray()) {
      List<String> out = new ArrayList<>(n.size());
      for (JsonNode e : n) {
        if (!e.isValueNode() || e.isNull()) {
          throw new IllegalArgumentException("field '" + field + "' must hold strings, got " + e);
        }
        out.add(e.asText());
      }
      return out;
    }
    if (n.isTextual()) {
      String t = n.asText().strip();
      if (t.isEmpty() || t.equals("None")) {
        return List.of();
      }
      try {
        return PythonListLiteral.parse(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("field '" + field + "' must be a list of strings, got " + n.getNodeType());
  }
}
