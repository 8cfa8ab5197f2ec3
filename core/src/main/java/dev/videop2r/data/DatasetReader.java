package dev.videop2r.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import dev.videop2r.io.JsonLines;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Streams records from dataset files one at a time, so a 263K-record file never sits in memory: a JSON array
 * (Video-R1-260k, COT-165k) through Jackson's streaming parser, JSON Lines line by line, either one optionally
 * gzip-compressed (detected from the magic bytes). Several files (the parts of a release) read as one dataset.
 * A malformed record yields a {@link DatasetRecord} with an error; broken JSON syntax inside an array cannot be
 * resynchronised and throws {@link DatasetException}.
 */
public final class DatasetReader implements Iterator<DatasetRecord>, Closeable {

  private static final ObjectMapper MAPPER = Json.MAPPER;
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private final Iterator<Path> files;
  /** SHA-256 of each file read to its end, in reading order; null when not fingerprinting. */
  private final Map<Path, String> digests;
  private RecordSource current;
  /** The file being opened or read, for messages. */
  private Path currentFile;
  private DigestInputStream currentBytes;
  private DatasetRecord next;
  private long number;

  private DatasetReader(List<Path> files, boolean fingerprint) {
    this.files = files.iterator();
    this.digests = fingerprint ? new LinkedHashMap<>() : null;
  }

  /** Opens the inputs in order; a directory stands for its dataset files in natural name order. */
  public static DatasetReader open(List<Path> inputs) throws IOException {
    return new DatasetReader(expand(inputs), false);
  }

  /**
   * Like {@link #open(List)}, and also hashes each file's bytes as they are read (one pass: the records and
   * the fingerprint come from the same read); see {@link #contentDigests()}.
   */
  public static DatasetReader openFingerprinting(List<Path> inputs) throws IOException {
    return new DatasetReader(expand(inputs), true);
  }

  /** The SHA-256 (hex) of every file read to its end so far, in reading order. */
  public Map<Path, String> contentDigests() {
    if (digests == null) {
      throw new IllegalStateException("this reader was not opened with openFingerprinting");
    }
    return Collections.unmodifiableMap(digests);
  }

  public static DatasetReader open(Path input) throws IOException {
    return open(List.of(input));
  }

  /** The files an input list stands for, directories expanded to their {@code .json[l][.gz]} files. */
  public static List<Path> expand(List<Path> inputs) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.list(in)) {
          s.filter(p -> p.getFileName().toString().matches(".*\\.jsonl?(\\.gz)?"))
              .sorted(Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder.INSTANCE))
              .forEach(out::add);
        }
      } else if (Files.isRegularFile(in)) {
        out.add(in);
      } else if (Files.exists(in)) {
        // a FIFO or device can be read once at most, and resume and fingerprints need to read inputs again
        throw new DatasetException("input " + in + " is not a regular file or a directory (a FIFO, socket or"
            + " device cannot be read as a dataset)");
      } else {
        throw new DatasetException("input file " + in + " does not exist");
      }
    }
    if (out.isEmpty()) {
      throw new DatasetException("no dataset files (*.json, *.jsonl, *.json.gz) in " + inputs);
    }
    return out;
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null) {
        if (current == null) {
          if (!files.hasNext()) {
            return false;
          }
          currentFile = files.next();
          currentBytes = new DigestInputStream(Files.newInputStream(currentFile), sha256());
          current = openSource(currentFile, currentBytes);
        }
        JsonNodeOrError n = current.next();
        if (n == null) {
          if (digests != null) {
            currentBytes.transferTo(OutputStream.nullOutputStream()); // bytes after the last record count too
            digests.put(current.file, HexFormat.of().formatHex(currentBytes.getMessageDigest().digest()));
          }
          current.close();
          current = null;
          continue;
        }
        number++;
        next = toRecord(n);
      }
      return true;
    } catch (IOException e) {
      throw new DatasetException("cannot read " + currentFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public DatasetRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    DatasetRecord r = next;
    next = null;
    return r;
  }

  private DatasetRecord toRecord(JsonNodeOrError n) {
    if (n.error != null) {
      return new DatasetRecord(number, current.file, n.numberInFile, null, n.error);
    }
    try {
      return new DatasetRecord(number, current.file, n.numberInFile, SampleJson.fromJson(n.node), null);
    } catch (IllegalArgumentException e) {
      return new DatasetRecord(number, current.file, n.numberInFile, null, e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private record JsonNodeOrError(long numberInFile, JsonNode node, String error) {}

  private abstract static class RecordSource implements Closeable {
    final Path file;
    long numberInFile;

    RecordSource(Path file) {
      this.file = file;
    }

    /** The next record, or null at the end of the file. */
    abstract JsonNodeOrError next() throws IOException;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static RecordSource openSource(Path file, InputStream fileBytes) throws IOException {
    InputStream raw = new BufferedInputStream(fileBytes, 1 << 16);
    try {
      InputStream in = new BufferedInputStream(JsonLines.decompressed(file, raw), 1 << 16);
      String name = file.getFileName().toString();
      if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
        return new LinesSource(file, in);
      }
      in.mark(4096);
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
      in.reset();
      if (c == '[') {
        return new ArraySource(file, in);
      }
      if (c == '{') {
        return new LinesSource(file, in);
      }
      in.close();
      throw new DatasetException("file " + file + " is neither a JSON array nor JSON Lines"
          + (c < 0 ? " (it is empty)" : " (starts with '" + (char) c + "')"));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static final class ArraySource extends RecordSource {
    private final JsonParser parser;

    ArraySource(Path file, InputStream in) throws IOException {
      super(file);
      parser = FACTORY.createParser(in);
      expect(parser.nextToken() == JsonToken.START_ARRAY, "expected a JSON array");
    }

    @Override
    JsonNodeOrError next() throws IOException {
      try {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
          return null;
        }
        numberInFile++;
        if (t == null) {
          throw new DatasetException("file " + file + " ends inside the JSON array after record " + (numberInFile - 1));
        }
        JsonNode node = MAPPER.readTree(parser);
        return node.isObject() ? new JsonNodeOrError(numberInFile, node, null)
            : new JsonNodeOrError(numberInFile, null, "record is not a JSON object but " + node.getNodeType());
      } catch (JsonProcessingException e) {
        throw new DatasetException("file " + file + ": malformed JSON in record " + numberInFile + " at line "
            + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
            + " (a broken JSON array cannot be read past this point)", e);
      }
    }

    private void expect(boolean ok, String what) {
      if (!ok) {
        throw new DatasetException("file " + file + ": " + what);
      }
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  private static final class LinesSource extends RecordSource {
    private final JsonLines lines;

    LinesSource(Path file, InputStream in) {
      super(file);
      lines = JsonLines.over(file, in, JsonLines.DEFAULT_MAX_LINE_BYTES);
    }

    @Override
    JsonNodeOrError next() throws IOException {
      JsonLines.Line line;
      do {
        line = lines.next();
        if (line == null) {
          return null;
        }
        numberInFile = line.number();
      } while (line.isBlank());
      try {
        JsonNode node = MAPPER.readTree(line.text());
        return node.isObject() ? new JsonNodeOrError(numberInFile, node, null)
            : new JsonNodeOrError(numberInFile, null, "line is not a JSON object");
      } catch (JsonProcessingException e) {
        return new JsonNodeOrError(numberInFile, null, "malformed JSON: " + e.getOriginalMessage());
      }
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
