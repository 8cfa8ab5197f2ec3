package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field access for annotation records that names the missing or mistyped field in its error. */
final class RecordFields {

  private static final Pattern LETTERED_OPTION = Pattern.compile("^([A-Z])\\.\\s.*", Pattern.DOTALL);
  private static final Pattern ANSWER_TAG =
      Pattern.compile("<answer>\\s*(.*?)\\s*</answer>", Pattern.DOTALL);

  private RecordFields() {}

  static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedRecordException("missing field '" + field + "'");
    }
    if (!value.isValueNode()) {
      throw new MalformedRecordException("field '" + field + "' is not a string or number");
    }
    return value.asText();
  }

  static String optionalText(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? "" : value.asText();
  }

  /** An integer id, given as a number or a string of digits. */
  static long integer(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value != null && value.canConvertToLong() && value.isIntegralNumber()) {
      return value.asLong();
    }
    String text = text(record, field).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new MalformedRecordException("field '" + field + "' is not an integer: '" + text + "'");
    }
  }

  static boolean bool(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || !value.isBoolean()) {
      throw new MalformedRecordException("field '" + field + "' is missing or not a boolean");
    }
    return value.asBoolean();
  }

  /** A list of strings; null or missing gives an empty list. */
  static List<String> strings(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new MalformedRecordException("field '" + field + "' is not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isValueNode() || element.isNull()) {
        throw new MalformedRecordException("field '" + field + "' holds a non-string element");
      }
      out.add(element.asText());
    }
    return out;
  }

  /** Checks options are lettered A., B., C., ... in order and returns them unchanged. */
  static List<String> letteredOptions(List<String> options) {
    for (int i = 0; i < options.size(); i++) {
      Matcher m = LETTERED_OPTION.matcher(options.get(i));
      String expected = String.valueOf((char) ('A' + i));
      if (!m.matches() || !m.group(1).equals(expected)) {
        throw new MalformedRecordException(
            "option " + (i + 1) + " should start with '" + expected + ". ': '" + options.get(i) + "'");
      }
    }
    return options;
  }

  /** Letters plain option texts: ["red", "blue"] becomes ["A. red", "B. blue"]. */
  static List<String> letter(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add((char) ('A' + i) + ". " + texts.get(i));
    }
    return out;
  }

  /** Options from a {@code {"A": "...", "B": "..."}} object, skipping empty values, in letter order. */
  static List<String> optionsFromChoices(JsonNode record, String field) {
    JsonNode choices = record.get(field);
    if (choices == null || !choices.isObject()) {
      throw new MalformedRecordException("field '" + field + "' is missing or not an object");
    }
    List<String> out = new ArrayList<>();
    for (char letter = 'A'; letter <= 'Z'; letter++) {
      JsonNode value = choices.get(String.valueOf(letter));
      if (value != null && !value.isNull() && !value.asText().isBlank()) {
        if (out.size() != letter - 'A') {
          throw new MalformedRecordException("choices skip a letter before " + letter);
        }
        out.add(letter + ". " + value.asText());
      }
    }
    return out;
  }

  /** The text of the first {@code <answer>} tag of a Video-R1 {@code solution}. */
  static String solutionAnswer(String solution) {
    Matcher m = ANSWER_TAG.matcher(solution);
    if (!m.find()) {
      throw new MalformedRecordException("solution has no <answer>...</answer>: '" + solution + "'");
    }
    return m.group(1).strip();
  }

  /** A multiple-choice gold letter, checked against the options. */
  static String goldLetter(String gold, List<String> options) {
    String letter = gold.strip();
    // One option is allowed: Video-R1's MVBench file has five single-candidate counterfactual questions
    // (problem_id 1282, 1299, 1312, 1338, 1363) and scores them like any other.
    if (options.isEmpty()) {
      throw new MalformedRecordException("multiple-choice question without options");
    }
    boolean known = options.stream().anyMatch(o -> o.startsWith(letter + ". "));
    if (letter.length() != 1 || !known) {
      throw new MalformedRecordException(
          "gold answer '" + gold + "' is not one of the option letters A-" + (char) ('A' + options.size() - 1));
    }
    return letter;
  }

  /** A numeric gold, checked to parse (commas allowed, as Video-R1 deletes them). */
  static String goldNumber(String gold) {
    try {
      Double.parseDouble(gold.replace(",", "").strip());
    } catch (NumberFormatException e) {
      throw new MalformedRecordException("numeric gold answer does not parse: '" + gold + "'");
    }
    return gold.strip();
  }

  static Map<String, String> categories(String... keysAndValues) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null && !keysAndValues[i + 1].isEmpty()) {
        out.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return out;
  }
}
