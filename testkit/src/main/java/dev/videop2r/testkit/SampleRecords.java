package dev.videop2r.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small synthetic-world dataset records covering the five problem types, as JSON in the Video-R1 layout
 * ({@code problem_id}, {@code problem}, {@code data_type}, {@code problem_type}, {@code options}, {@code solution},
 * {@code path}, {@code data_source}) plus the synthetic world's {@code facts} and {@code rationale}. JSON rather than
 * core's {@code Sample} so that every module's tests, core's included, can share them; {@code
 * SampleJson.fromJson} turns one into a {@code Sample}.
 */
public final class SampleRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TYPES = {"multiple choice", "numerical", "OCR", "free-form", "regression"};

  private SampleRecords() {}

  /** Record {@code i}: problem type {@code i mod 5} in that order; every third an image, the others videos. */
  public static ObjectNode record(int i) {
    String type = TYPES[i % TYPES.length];
    boolean image = i % 3 == 0;
    List<String> facts = List.of("The red ball " + i + " moves from left to right.",
        "The blue square " + i + " stays still.", "The green circle " + i + " moves up.");
    Content c = switch (type) {
      case "multiple choice" -> new Content("Which shape " + i + " stays still?",
          List.of("A. the red ball", "B. the blue square", "C. the green circle"), "B", facts,
          "Only the blue square does not move, so the answer is B.");
      case "numerical" -> new Content("How many shapes " + i + " move?", List.of(), "2", facts,
          "The red ball and the green circle move, so two.");
      case "OCR" -> new Content("Which word is written on the square " + i + "?", List.of(), "stop here",
          List.of("The blue square " + i + " shows the words stop here."), "The square reads stop here.");
      case "free-form" -> new Content("What does the red ball " + i + " do?", List.of(),
          "the red ball moves from left to right", facts, "The first fact says how the red ball moves.");
      default -> new Content("How far does the red ball " + i + " move?", List.of(), "12.5", facts,
          "It moves across the frame, 12.5 units.");
    };
    ObjectNode r = JSON.createObjectNode();
    r.put("problem_id", i).put("problem", c.problem()).put("data_type", image ? "image" : "video")
        .put("problem_type", type);
    c.options().forEach(r.putArray("options")::add);
    r.put("solution", "<answer>" + c.answer() + "</answer>")
        .put("path", "./clips/clip" + i + (image ? ".png" : ".mp4")).put("data_source", "synthetic");
    c.facts().forEach(r.putArray("facts")::add);
    r.put("rationale", c.rationale());
    return r;
  }

  private record Content(String problem, List<String> options, String answer, List<String> facts,
      String rationale) {}

  /** Records 1..n. */
  public static List<ObjectNode> records(int n) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(record(i));
    }
    return out;
  }

  /** Writes records as one JSON array (the Video-R1-260k layout); returns {@code file}. */
  public static Path writeArray(Path file, List<ObjectNode> records) throws IOException {
    JSON.writeValue(file.toFile(), records);
    return file;
  }
}
