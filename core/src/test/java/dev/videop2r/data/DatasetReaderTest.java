package dev.videop2r.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.pipeline.TestSamples;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

  @TempDir Path dir;

  private static List<DatasetRecord> readAll(List<Path> inputs) throws IOException {
    List<DatasetRecord> out = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(inputs)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void readsAVideoR1JsonArray() throws IOException {
    Path f = dir.resolve("Video-R1-260k.json");
    Files.writeString(f, """
        [
          {"problem_id": 2, "problem": "What happens?", "data_type": "video", "problem_type": "multiple choice",
           "options": ["A. x", "B. y"], "solution": "<answer>A</answer>",
           "path": "./LLaVA-Video-178K/a.mp4", "data_source": "LLaVA-Video-178K/30_60_s"},
          {"problem_id": 3, "problem": "How many?", "data_type": "image", "problem_type": "numerical",
           "options": null, "solution": "<answer>3</answer>", "path": "./Math/b.png",
           "data_source": "Multimath-300k", "process": "<think>count</think>"}
        ]""");
    List<DatasetRecord> records = readAll(List.of(f));
    assertEquals(2, records.size());
    Sample a = records.get(0).sample();
    assertEquals(2, a.problemId());
    assertEquals(ProblemType.MULTIPLE_CHOICE, a.problemType());
    assertEquals(List.of("A. x", "B. y"), a.options());
    assertNull(a.trace());
    Sample b = records.get(1).sample();
    assertEquals(DataType.IMAGE, b.dataType());
    assertEquals(List.of(), b.options());
    assertEquals("<think>count</think>", b.trace().process());
    assertEquals(2, records.get(1).number());
  }

  @Test
  void readsTheRlReleaseWhereEveryValueIsAString() throws IOException {
    Path f = dir.resolve("rl.jsonl");
    Files.writeString(f, "{\"problem_id\": \"17\", \"problem\": \"Q\", \"data_type\": \"video\","
        + " \"problem_type\": \"multiple choice\", \"options\": \"['A. it\\\\'s red', 'B. blue']\","
        + " \"solution\": \"<answer>A</answer>\", \"path\": \"./v.mp4\", \"data_source\": \"s\","
        + " \"observation\": \"<observation>o</observation>\", \"process\": \"<think>t</think>\","
        + " \"output\": \"full\", \"answer\": \"A\", \"reward\": \"1.0\", \"select\": \"True\","
        + " \"clean_version\": \"c\"}\n");
    Sample s = readAll(List.of(f)).get(0).sample();
    assertEquals(17, s.problemId());
    assertEquals(List.of("A. it's red", "B. blue"), s.options());
    assertEquals(1.0, s.trace().reward());
    assertTrue(s.trace().select());
    assertEquals("c", s.trace().cleanVersion());
  }

  @Test
  void stringValuedFieldsAcceptTheirEmptyAndFalseForms() {
    Sample s = SampleJson.fromJson("{\"problem_id\": \" 5 \", \"problem\": \"Q\", \"data_type\": \"Image\","
        + " \"problem_type\": \"ocr\", \"options\": \"None\", \"solution\": \"<answer>x</answer>\","
        + " \"path\": \"./a.png\", \"output\": \"o\", \"reward\": \"\", \"select\": \"False\"}");
    assertEquals(5, s.problemId());
    assertEquals(DataType.IMAGE, s.dataType());
    assertEquals(ProblemType.OCR, s.problemType());
    assertEquals(List.of(), s.options());
    assertNull(s.trace().reward());
    assertEquals(Boolean.FALSE, s.trace().select());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleJson.fromJson(
        "{\"problem_id\": \"five\", \"problem\": \"Q\", \"data_type\": \"video\", \"problem_type\": \"OCR\","
            + " \"solution\": \"s\", \"path\": \"p\"}"));
    assertTrue(e.getMessage().contains("field 'problem_id' must be an integer"), e.getMessage());
  }

  @Test
  void releasePartsRoundTripInNaturalOrder() throws IOException {
    List<Sample> samples = TestSamples.samples(25).stream()
        .map(s -> s.withTrace(new CotTrace("<observation>o</observation>", "<think>t</think>", "out", "B", 1.0,
            true, null)))
        .toList();
    Path parts = Files.createDirectories(dir.resolve("release"));
    try (ReleaseWriter w = new ReleaseWriter(parts, "cot", 2, false)) {
      for (Sample s : samples) {
        w.write(s);
      }
      assertEquals(13, w.finish().size());
    }
    // part10 must come after part9: natural order, not lexicographic
    List<DatasetRecord> back = readAll(List.of(parts));
    assertEquals(samples, back.stream().map(DatasetRecord::sample).toList());

    Path strings = Files.createDirectories(dir.resolve("rl"));
    try (ReleaseWriter w = new ReleaseWriter(strings, "rl", 10, true)) {
      for (Sample s : samples) {
        w.write(s);
      }
      w.finish();
    }
    String first = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(strings.resolve("rl_part1.json.gz")))
        .readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(first.contains("\"problem_id\":\"1\""), first.substring(0, 200));
    assertTrue(first.contains("\"select\":\"True\""));
    assertEquals(samples, readAll(List.of(strings)).stream().map(DatasetRecord::sample).toList());

    Path jsonl = dir.resolve("all.jsonl");
    try (JsonlWriter w = new JsonlWriter(jsonl)) {
      for (Sample s : samples) {
        w.write(s);
      }
    }
    assertEquals(samples, readAll(List.of(jsonl)).stream().map(DatasetRecord::sample).toList());
  }

  @Test
  void malformedRecordsAreReportedWithTheirNumberAndReadingContinues() throws IOException {
    Path f = dir.resolve("mixed.jsonl");
    String good = "{\"problem_id\": 1, \"problem\": \"Q\", \"data_type\": \"video\", \"problem_type\": \"OCR\","
        + " \"solution\": \"<answer>x</answer>\", \"path\": \"./a.mp4\"}";
    Files.writeString(f, good + "\n{not json\n" + good.replace("\"OCR\"", "\"essay\"") + "\n"
        + good.replace("\"problem\": \"Q\", ", "") + "\n\n" + good + "\n");
    List<DatasetRecord> records = readAll(List.of(f));
    assertEquals(5, records.size());
    assertTrue(records.get(0).ok());
    assertTrue(records.get(1).error().startsWith("malformed JSON"), records.get(1).error());
    assertTrue(records.get(2).error().contains("unknown problem_type 'essay'"), records.get(2).error());
    assertEquals("missing field 'problem'", records.get(3).error());
    assertEquals("record 4 (mixed.jsonl #4)", records.get(3).where());
    assertTrue(records.get(4).ok());
    assertEquals(6, records.get(4).numberInFile()); // the blank line counts as a line, not a record
  }

  @Test
  void brokenJsonArrayFailsNamingTheRecord() throws IOException {
    Path f = dir.resolve("broken.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(("[{\"problem_id\": 1, \"problem\": \"Q\", \"data_type\": \"video\", \"problem_type\": \"OCR\","
          + " \"solution\": \"<answer>x</answer>\", \"path\": \"./a.mp4\"}, {\"problem_id\": 2, \"problem\": ")
          .getBytes(StandardCharsets.UTF_8));
    }
    DatasetException e = assertThrows(DatasetException.class, () -> readAll(List.of(f)));
    assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    assertTrue(e.getMessage().contains("broken.json.gz"), e.getMessage());
  }

  @Test
  void refusesMissingAndNonJsonInputs() throws IOException {
    assertThrows(DatasetException.class, () -> DatasetReader.open(dir.resolve("nope.json")));
    Path csv = Files.writeString(dir.resolve("x.json"), "a,b\n1,2\n");
    DatasetException e = assertThrows(DatasetException.class, () -> readAll(List.of(csv)));
    assertTrue(e.getMessage().contains("neither a JSON array nor JSON Lines"), e.getMessage());
    assertFalse(readAll(List.of(Files.writeString(dir.resolve("empty.json"), "[]"))).iterator().hasNext());
  }
}
