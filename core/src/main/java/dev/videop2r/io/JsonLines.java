package dev.videop2r.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The project's one reader of JSON Lines files: streams lines with their 1-based numbers, gunzips transparently
 * (a file starting with the gzip magic bytes), and fails with a message that starts with {@code FILE:LINE} when
 * a line cannot be a record: longer than the line cap ({@link #DEFAULT_MAX_LINE_BYTES}, checked while reading,
 * so a huge line never sits in memory), not UTF-8, or damaged gzip data. Parsing and what a record means are
 * the caller's: {@link Line#json()} parses one line, naming it on failure.
 *
 * <p>A file whose last line has no newline was usually cut short by a killed writer. Such a line is returned
 * with {@link Line#torn()} set; readers of files written by appending (metrics, journals) call
 * {@link #dropTornTail()} so an unreadable torn last line ends the file instead of failing it.
 */
public final class JsonLines implements Closeable {

  /** The longest line read, in bytes (16 MiB): far above any record, low enough to stop a wrong file early. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

  private static final int CHUNK = 1 << 16;

  /** One line of a file, without its line break (and without a {@code \r} before it). */
  public record Line(Path file, long number, String text, boolean torn) {

    /** {@code FILE:LINE}, the prefix of every message about this line. */
    public String where() {
      return file + ":" + number;
    }

    public boolean isBlank() {
      return text.isBlank();
    }

    /** The line parsed as JSON; {@link JsonLinesException} naming the line when it is not JSON. */
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new JsonLinesException(where() + ": not JSON (" + firstLine(e.getOriginalMessage()) + ")", e);
      }
    }
  }

  private final Path file;
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private long number;
  private boolean dropTornTail;

  private JsonLines(Path file, InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
    }
    this.file = file;
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Opens {@code file} (gzip or plain) with the default line cap. */
  public static JsonLines open(Path file) throws IOException {
    return open(file, DEFAULT_MAX_LINE_BYTES);
  }

  public static JsonLines open(Path file, int maxLineBytes) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return new JsonLines(file, decompressed(file, raw), maxLineBytes);
    } catch (ZipException e) {
      raw.close();
      throw new JsonLinesException(file + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Reads lines from a stream the caller opened (already passed through {@link #decompressed} when it may be
   * gzip); {@code file} names it in messages. Closing the reader closes the stream.
   */
  public static JsonLines over(Path file, InputStream in, int maxLineBytes) {
    return new JsonLines(file, in, maxLineBytes);
  }

  /**
   * Makes an unterminated last line that is not UTF-8 JSON the end of the file rather than an error: the tail
   * of an append cut short by a kill, never acknowledged to anyone.
   */
  public JsonLines dropTornTail() {
    this.dropTornTail = true;
    return this;
  }

  /**
   * The bytes of {@code raw}, gunzipped when they start with the gzip magic bytes. Damaged gzip data fails with
   * a {@link ZipException} saying so (a truncated file included) instead of the inflater's bare message.
   */
  public static InputStream decompressed(Path file, InputStream raw) throws IOException {
    InputStream buffered = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, CHUNK);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 != 0x1f || b1 != 0x8b) {
      return buffered;
    }
    try {
      return new NamedGzip(new GZIPInputStream(buffered, CHUNK));
    } catch (ZipException | EOFException e) {
      throw damaged(e);
    }
  }

  /** The next line, or null at the end of the file. */
  public Line next() throws IOException {
    int length = 0;
    while (true) {
      if (pos == limit && !fill()) {
        if (length == 0) {
          return null;
        }
        return lastLine(length);
      }
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      int take = end - pos;
      if ((long) length + take > maxLineBytes) {
        throw new JsonLinesException(file + ":" + (number + 1) + ": line is longer than " + describe(maxLineBytes)
            + ", the cap on a JSON Lines line; is this a JSON Lines file?");
      }
      if (newline >= 0 && length == 0) {
        pos = newline + 1;
        number++;
        return new Line(file, number, decode(chunk, end - take, take, false), false);
      }
      line = ensure(line, length + take, maxLineBytes);
      System.arraycopy(chunk, pos, line, length, take);
      length += take;
      pos = end;
      if (newline >= 0) {
        pos = newline + 1;
        number++;
        return new Line(file, number, decode(line, 0, length, false), false);
      }
    }
  }

  /** An unterminated last line: returned, or with {@link #dropTornTail()} dropped when it cannot be read. */
  private Line lastLine(int length) {
    number++;
    if (!dropTornTail) {
      return new Line(file, number, decode(line, 0, length, true), true);
    }
    try {
      Line torn = new Line(file, number, decode(line, 0, length, true), true);
      torn.json();
      return torn;
    } catch (JsonLinesException unreadable) {
      return null;
    }
  }

  private int indexOfNewline() {
    for (int i = pos; i < limit; i++) {
      if (chunk[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean fill() throws IOException {
    int n;
    try {
      n = in.read(chunk, 0, chunk.length);
    } catch (ZipException e) {
      throw new JsonLinesException(file + ":" + (number + 1) + ": " + e.getMessage(), e);
    }
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** Strict UTF-8 (a binary file is named, not read as replacement characters); drops a BOM and a final CR. */
  private String decode(byte[] bytes, int from, int length, boolean torn) {
    if (length > 0 && bytes[from + length - 1] == '\r') {
      length--;
    }
    if (number == 1 && length >= 3 && (bytes[from] & 0xff) == 0xEF && (bytes[from + 1] & 0xff) == 0xBB
        && (bytes[from + 2] & 0xff) == 0xBF) {
      from += 3;
      length -= 3;
    }
    String text = new String(bytes, from, length, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text; // malformed input always decodes to U+FFFD, so without one the bytes were valid
    }
    String strict = strictUtf8(bytes, from, length);
    // A write cut short can split the last character: that line is torn, not binary.
    for (int cut = 1; strict == null && torn && cut <= Math.min(3, length); cut++) {
      strict = strictUtf8(bytes, from, length - cut);
    }
    if (strict == null) {
      throw new JsonLinesException(file + ":" + number + " is not UTF-8 text");
    }
    return strict;
  }

  private static String strictUtf8(byte[] bytes, int from, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] ensure(byte[] buffer, int needed, int cap) {
    if (needed <= buffer.length) {
      return buffer;
    }
    return Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(cap, 2L * buffer.length)));
  }

  private static String describe(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static ZipException damaged(IOException e) {
    String what = e instanceof EOFException ? "truncated" : e.getMessage();
    ZipException named = new ZipException("damaged gzip data (" + what + ")");
    named.initCause(e);
    return named;
  }

  /** Gzip input whose failures say the gzip data is damaged. */
  private static final class NamedGzip extends FilterInputStream {
    NamedGzip(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (ZipException | EOFException e) {
        throw damaged(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw damaged(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
