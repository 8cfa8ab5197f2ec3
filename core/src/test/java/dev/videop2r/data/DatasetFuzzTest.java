package dev.videop2r.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.JsonMutations;
import dev.videop2r.testkit.fuzz.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged dataset files (Video-R1/COT JSON arrays, JSON Lines, the release's gzip parts) end in an error naming the
 * file or in records marked bad with their place, never in another exception (docs/core.md, "Fuzzing").
 */
class DatasetFuzzTest {

  /** Video-R1 and COT records: a video and an image question, options null and present, a CoT process. */
  private static final String RECORDS = """
      [{"problem_id": 2, "problem": "What happens?", "data_type": "video", "problem_type": "multiple choice",
        "options": ["A. x", "B. y"], "solution": "<answer>A</answer>", "path": "./LLaVA-Video-178K/a.mp4",
        "data_source": "LLaVA-Video-178K/30_60_s"},
       {"problem_id": 3, "problem": "How many?", "data_type": "image", "problem_type": "numerical",
        "options": null, "solution": "<answer>3</answer>", "path": "./Math/b.png", "data_source": "Multimath-300k",
        "process": "<think>count</think>"},
       {"problem_id": "7", "problem": "Where?", "data_type": "video", "problem_type": "regression",
        "options": "['A. 1', 'B. 2']", "solution": "<answer>2.5</answer>", "path": "clips/c.mp4",
        "data_source": "synthetic"}]
      """;

  @TempDir Path dir;

  /** Every record of {@code inputs}: each good one holds a sample, each bad one an error and its place. */
  private static void readAll(List<Path> inputs, boolean fingerprint) throws IOException {
    try (DatasetReader reader = fingerprint ? DatasetReader.openFingerprinting(inputs) : DatasetReader.open(inputs)) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        if (r.ok() ? r.sample() == null : r.error() == null || r.where() == null) {
          throw new AssertionError("a record neither good nor marked bad: " + r);
        }
      }
    }
  }

  @Test
  void damagedJsonArraysEndInAnErrorNamingTheFileOrBadRecords() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    JsonNode records = JsonMutations.parse(RECORDS);
    byte[] valid = RECORDS.getBytes(StandardCharsets.UTF_8);
    Path file = sandbox.in().resolve("Video-R1-fuzz.json");
    new FuzzRun("dataset JSON array", 0xDA7AL, sandbox, file.getFileName().toString()).run(200,
        random -> random.nextBoolean() ? JsonMutations.damage(records, random) : ByteMutations.damage(valid, random),
        input -> {
          Files.write(file, input.bytes());
          readAll(List.of(file), input.index() % 2 == 0);
        });
  }

  @Test
  void damagedJsonLinesEndInAnErrorNamingTheFileOrBadRecords() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    ArrayNode records = (ArrayNode) JsonMutations.parse(RECORDS);
    byte[] valid = jsonLines(records);
    Path file = sandbox.in().resolve("cot-fuzz.jsonl");
    new FuzzRun("dataset JSON Lines", 0x15B1L, sandbox, file.getFileName().toString()).run(200, random -> {
      if (random.nextBoolean()) {
        return ByteMutations.damage(valid, random);
      }
      ArrayNode damagedRecords = records.deepCopy();
      int which = random.nextInt(records.size());
      ByteMutations.Damaged record = JsonMutations.damage(records.get(which), random);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < damagedRecords.size(); i++) {
        out.append(i == which ? new String(record.bytes(), StandardCharsets.UTF_8) : damagedRecords.get(i).toString())
            .append('\n');
      }
      return new ByteMutations.Damaged("record " + which + ": " + record.mutation(),
          out.toString().getBytes(StandardCharsets.UTF_8));
    }, input -> {
      Files.write(file, input.bytes());
      readAll(List.of(file), input.index() % 2 == 0);
    });
  }

  /**
   * A release (gzip parts written by {@link ReleaseWriter}, every value a string as in the RL release) with one
   * part damaged: its compressed bytes, or its JSON before compression.
   */
  @Test
  void damagedReleasePartsEndInAnErrorNamingThePartOrBadRecords() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    List<Path> parts;
    try (ReleaseWriter writer = new ReleaseWriter(sandbox.in(), "fuzz-release", 2, true);
        DatasetReader reader = DatasetReader.open(writeJson(sandbox.out().resolve("records.json")))) {
      while (reader.hasNext()) {
        writer.write(reader.next().sample());
      }
      parts = writer.finish();
    }
    Path damagedPart = parts.get(parts.size() - 1);
    byte[] compressed = Files.readAllBytes(damagedPart);
    byte[] json = gunzip(compressed);
    JsonNode tree = JsonMutations.parse(new String(json, StandardCharsets.UTF_8));
    new FuzzRun("release gzip parts", 0x62L, sandbox, damagedPart.getFileName().toString()).run(200,
        (Random random) -> switch (random.nextInt(3)) {
          case 0 -> ByteMutations.damage(compressed, random);
          case 1 -> gzipped(ByteMutations.damage(json, random));
          default -> gzipped(JsonMutations.damage(tree, random));
        },
        input -> {
          Files.write(damagedPart, input.bytes());
          readAll(List.of(sandbox.in()), input.index() % 2 == 0);
        });
  }

  private Path writeJson(Path file) throws IOException {
    return Files.writeString(file, RECORDS);
  }

  private static byte[] jsonLines(ArrayNode records) {
    StringBuilder out = new StringBuilder();
    records.forEach(r -> out.append(r).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ByteMutations.Damaged gzipped(ByteMutations.Damaged plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain.bytes());
    }
    return new ByteMutations.Damaged("gzip(" + plain.mutation() + ")", out.toByteArray());
  }

  private static byte[] gunzip(byte[] compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }
}
