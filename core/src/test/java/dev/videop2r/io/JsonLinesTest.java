package dev.videop2r.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

  private static List<JsonLines.Line> all(JsonLines lines) throws IOException {
    List<JsonLines.Line> out = new ArrayList<>();
    try (lines) {
      for (JsonLines.Line line; (line = lines.next()) != null; ) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void linesComeWithTheirNumbersWithoutBreaksBomOrCarriageReturn(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.jsonl");
    Files.write(file, "\uFEFF{\"a\":1}\r\n\n  \n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));
    List<JsonLines.Line> lines = all(JsonLines.open(file));
    assertEquals(4, lines.size());
    assertEquals("{\"a\":1}", lines.get(0).text());
    assertEquals(1, lines.get(0).json().get("a").asInt());
    assertTrue(lines.get(1).isBlank());
    assertTrue(lines.get(2).isBlank());
    assertEquals(4, lines.get(3).number());
    assertEquals(file + ":4", lines.get(3).where());
    assertFalse(lines.get(3).torn());
  }

  @Test
  void aLineLongerThanTheChunkIsReadWhole(@TempDir Path dir) throws IOException {
    String big = "{\"s\":\"" + "x".repeat(200_000) + "\"}";
    Path file = dir.resolve("big.jsonl");
    Files.writeString(file, "{}\n" + big + "\n{}");
    List<JsonLines.Line> lines = all(JsonLines.open(file));
    assertEquals(3, lines.size());
    assertEquals(big, lines.get(1).text());
    assertTrue(lines.get(2).torn(), "no newline after the last line");
  }

  @Test
  void gzipIsReadTransparently(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.jsonl.gz");
    Files.write(file, gzip("{\"a\":1}\n{\"a\":2}\n"));
    List<JsonLines.Line> lines = all(JsonLines.open(file));
    assertEquals(2, lines.size());
    assertEquals(2, lines.get(1).json().get("a").asInt());
  }

  @Test
  void truncatedGzipNamesTheFileAndLine(@TempDir Path dir) throws IOException {
    byte[] whole = gzip("{\"a\":1}\n".repeat(10_000));
    Path file = dir.resolve("cut.jsonl.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    JsonLinesException e = assertThrows(JsonLinesException.class, () -> all(JsonLines.open(file)));
    assertTrue(e.getMessage().matches("\\Q" + file + "\\E:\\d+: damaged gzip data \\(truncated\\)"), e.getMessage());
  }

  @Test
  void garbledGzipNamesTheFile(@TempDir Path dir) throws IOException {
    byte[] bytes = gzip("{\"a\":1}\n".repeat(100));
    for (int i = 12; i < bytes.length - 8; i++) {
      bytes[i] = (byte) 0xff;
    }
    Path file = dir.resolve("bad.jsonl.gz");
    Files.write(file, bytes);
    JsonLinesException e = assertThrows(JsonLinesException.class, () -> all(JsonLines.open(file)));
    assertTrue(e.getMessage().startsWith(file + ":1: damaged gzip data ("), e.getMessage());
  }

  @Test
  void aLineOverTheCapFailsAfterReadingOnlyAboutTheCap() {
    Path name = Path.of("endless.jsonl");
    int cap = 1 << 20;
    long[] served = {0};
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        served[0]++;
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 'x');
        served[0] += len;
        return len;
      }
    };
    JsonLines lines = JsonLines.over(name, endless, cap);
    JsonLinesException e = assertThrows(JsonLinesException.class, lines::next);
    assertEquals("endless.jsonl:1: line is longer than 1 MiB, the cap on a JSON Lines line; is this a JSON Lines"
        + " file?", e.getMessage());
    assertTrue(served[0] <= cap + (1 << 16), "read " + served[0] + " bytes for a cap of " + cap);
  }

  @Test
  void theDefaultCapIsSixteenMebibytes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{}\n".getBytes(StandardCharsets.UTF_8));
      byte[] block = new byte[1 << 20];
      Arrays.fill(block, (byte) ' ');
      for (int i = 0; i < 17; i++) {
        out.write(block);
      }
    }
    JsonLines lines = JsonLines.open(file);
    assertEquals(1, lines.next().number());
    JsonLinesException e = assertThrows(JsonLinesException.class, lines::next);
    assertTrue(e.getMessage().startsWith(file + ":2: line is longer than 16 MiB"), e.getMessage());
    lines.close();
  }

  @Test
  void binaryIsNamedAsNotUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("image.png");
    Files.write(file, new byte[] {'{', '}', '\n', (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    JsonLines lines = JsonLines.open(file);
    assertEquals("{}", lines.next().text());
    JsonLinesException e = assertThrows(JsonLinesException.class, lines::next);
    assertEquals(file + ":2 is not UTF-8 text", e.getMessage());
    lines.close();

    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    JsonLinesException unterminated = assertThrows(JsonLinesException.class, () -> all(JsonLines.open(file)));
    assertEquals(file + ":1 is not UTF-8 text", unterminated.getMessage(), "a bad first byte is not a torn tail");
  }

  @Test
  void aLineThatIsNotJsonIsNamed() {
    JsonLines.Line line = new JsonLines.Line(Path.of("x.jsonl"), 7, "{\"a\":", false);
    JsonLinesException e = assertThrows(JsonLinesException.class, line::json);
    assertTrue(e.getMessage().startsWith("x.jsonl:7: not JSON ("), e.getMessage());
  }

  @Test
  void aTornTailIsReturnedUnlessTheCallerDropsIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    byte[] torn = "{\"step\":1}\n{\"step\":2,\"loss\":0.5\u00e9".getBytes(StandardCharsets.UTF_8);
    Files.write(file, Arrays.copyOf(torn, torn.length - 1)); // cut inside the two-byte é as well
    List<JsonLines.Line> lines = all(JsonLines.open(file));
    assertEquals(2, lines.size());
    assertEquals("{\"step\":2,\"loss\":0.5", lines.get(1).text(), "the split character is dropped");
    assertTrue(lines.get(1).torn());
    List<JsonLines.Line> kept = all(JsonLines.open(file).dropTornTail());
    assertEquals(1, kept.size(), "a torn tail that is not JSON is dropped on request");

    Files.writeString(file, "{\"step\":1}\n{\"step\":2}");
    List<JsonLines.Line> whole = all(JsonLines.open(file).dropTornTail());
    assertEquals(2, whole.size(), "an unterminated line that is complete JSON is kept");
    assertTrue(whole.get(1).torn());
  }

  @Test
  void anEmptyFileHasNoLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("empty.jsonl");
    Files.write(file, new byte[0]);
    assertNull(JsonLines.open(file).next());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
