package dev.videop2r.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampleJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic-world records (TEAM contract 1) covering the five problem types. */
public final class TestSamples {

  private TestSamples() {}

  public static Sample sample(int i) {
    ProblemType type = ProblemType.values()[i % ProblemType.values().length];
    DataType dataType = i % 3 == 0 ? DataType.IMAGE : DataType.VIDEO;
    String path = "./clips/clip" + i + (dataType == DataType.VIDEO ? ".mp4" : ".png");
    List<String> facts = List.of("The red ball " + i + " moves from left to right.",
        "The blue square " + i + " stays still.", "The green circle " + i + " moves up.");
    return switch (type) {
      case MULTIPLE_CHOICE -> new Sample(i, "Which shape " + i + " stays still?", dataType, type,
          List.of("A. the red ball", "B. the blue square", "C. the green circle"), "<answer>B</answer>", path,
          "synthetic", facts, "Only the blue square does not move, so the answer is B.", null);
      case NUMERICAL -> new Sample(i, "How many shapes " + i + " move?", dataType, type, List.of(),
          "<answer>2</answer>", path, "synthetic", facts, "The red ball and the green circle move, so two.", null);
      case OCR -> new Sample(i, "Which word is written on the square " + i + "?", dataType, type, List.of(),
          "<answer>stop here</answer>", path, "synthetic", List.of("The blue square " + i + " shows the words stop here."),
          "The square reads stop here.", null);
      case FREE_FORM -> new Sample(i, "What does the red ball " + i + " do?", dataType, type, List.of(),
          "<answer>the red ball moves from left to right</answer>", path, "synthetic", facts,
          "The first fact says how the red ball moves.", null);
      case REGRESSION -> new Sample(i, "How far does the red ball " + i + " move?", dataType, type, List.of(),
          "<answer>12.5</answer>", path, "synthetic", facts, "It moves across the frame, 12.5 units.", null);
    };
  }

  public static List<Sample> samples(int n) {
    List<Sample> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(sample(i));
    }
    return out;
  }

  /** Writes samples as one JSON array (the Video-R1-260k layout). */
  public static Path writeArray(Path file, List<Sample> samples) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
      g.writeStartArray();
      for (Sample s : samples) {
        SampleJson.write(g, s, false);
      }
      g.writeEndArray();
    }
    return file;
  }
}
