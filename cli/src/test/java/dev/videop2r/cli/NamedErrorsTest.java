package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.videop2r.model.io.SafetensorsWriter;
import dev.videop2r.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs that used to give messages naming nothing: each now names the file, line or flag, on one line. */
class NamedErrorsTest {

  @TempDir Path dir;

  /** The one error line (a model command prints its startup line to stderr first). */
  private static String oneLineError(CliRun run) {
    assertEquals(2, run.exit(), run.err());
    List<String> errors = run.err().lines().filter(l -> l.contains(": error: ")).toList();
    assertEquals(1, errors.size(), run.err());
    assertEquals(errors.get(0), run.err().strip().lines().reduce((a, b) -> b).orElseThrow(), "it is the last line");
    return errors.get(0);
  }

  /** FIFOs exist on the systems the project supports (Linux CI, macOS); a missing mkfifo there fails the test. */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aFifoGivenToDataStatsIsNamedAsNotARegularFile() throws Exception {
    Path fifo = dir.resolve("pipe.jsonl");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo " + fifo);
    assertEquals("videop2r data stats: error: input " + fifo + " is not a regular file or a directory (a FIFO,"
        + " socket or device cannot be read as a dataset)", oneLineError(CliRun.of("data", "stats", fifo.toString())));
  }

  @Test
  void aTruncatedGzipGivenToDataStatsNamesTheFileAndLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      String record = "{\"problem_id\": 1, \"problem\": \"q\", \"data_type\": \"image\", \"problem_type\": \"OCR\","
          + " \"solution\": \"<answer>a</answer>\", \"path\": \"./x.png\"}\n";
      gz.write(record.repeat(2000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    Path cut = dir.resolve("part1.jsonl.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    String err = oneLineError(CliRun.of("data", "stats", cut.toString()));
    assertEquals(true, err.matches("videop2r data stats: error: \\Q" + cut + "\\E:\\d+: damaged gzip data"
        + " \\(truncated\\)"), err);
  }

  @Test
  void cotGenerateOutPointingAtAFileNamesTheFlag() throws Exception {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{}\n");
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "not a directory");
    assertEquals("videop2r cot generate: error: --out " + file + " is a file, not a directory",
        oneLineError(CliRun.of("cot", "generate", "--input", input.toString(), "--out", file.toString())));
    assertEquals("not a directory", Files.readString(file), "the file is left alone");
  }

  @Test
  void modelCheckNamesAnAttentionMaskOfAnotherShapeThanTheInputIds() {
    Path golden = TestData.golden("qwen25vl-tiny-a");
    Path inputs = dir.resolve("inputs.safetensors");
    SafetensorsWriter.write(inputs, List.of(
        SafetensorsWriter.Entry.ofLongs("input_ids", new long[] {1, 6}, new long[] {1, 2, 3, 4, 5, 6}),
        SafetensorsWriter.Entry.ofLongs("attention_mask", new long[] {1, 5}, new long[] {1, 1, 1, 1, 1})), Map.of());
    String err = oneLineError(CliRun.of("model", "check", "--model", golden.toString(), "--inputs", inputs.toString(),
        "--expected", golden.resolve("expected.safetensors").toString()));
    assertEquals(true, err.endsWith("error: " + inputs + ": attention_mask must have the shape of input_ids:"
        + " expected [1, 6], got [1, 5]"), err);
  }

  @Test
  void aBinaryFileGivenToScoreIsNamedAsNotUtf8() throws Exception {
    Path binary = dir.resolve("completions.jsonl");
    Files.write(binary, new byte[] {'{', '}', '\n', (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0});
    Path out = dir.resolve("scored.jsonl");
    assertEquals("videop2r score: error: " + binary + ":2 is not UTF-8 text",
        oneLineError(CliRun.of("score", "--input", binary.toString(), "--output", out.toString())));
    assertFalse(Files.exists(out), "nothing is published");
  }
}
