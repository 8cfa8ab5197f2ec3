package dev.videop2r.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes samples in the VideoP2R release layout: gzip-compressed JSON arrays split into parts of at most
 * {@code recordsPerPart} records, named {@code <name>_part1.json.gz}, {@code <name>_part2.json.gz}, ... Writes
 * go straight to {@code dir}; callers that need atomicity write into a staging directory
 * ({@link AtomicDirectory}).
 */
public final class ReleaseWriter implements Closeable {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path dir;
  private final String name;
  private final int recordsPerPart;
  private final boolean allStrings;
  private final List<Path> parts = new ArrayList<>();
  private JsonGenerator generator;
  private int inPart;

  /**
   * @param allStrings write every value as a string, as the RL release does
   */
  public ReleaseWriter(Path dir, String name, int recordsPerPart, boolean allStrings) {
    if (recordsPerPart < 1) {
      throw new IllegalArgumentException("recordsPerPart must be >= 1, got " + recordsPerPart);
    }
    this.dir = dir;
    this.name = name;
    this.recordsPerPart = recordsPerPart;
    this.allStrings = allStrings;
  }

  public void write(Sample s) throws IOException {
    if (generator == null || inPart == recordsPerPart) {
      openPart();
    }
    SampleJson.write(generator, s, allStrings);
    inPart++;
  }

  private void openPart() throws IOException {
    closePart();
    Path part = dir.resolve(name + "_part" + (parts.size() + 1) + ".json.gz");
    OutputStream out = new GZIPOutputStream(Files.newOutputStream(part), 1 << 16);
    generator = FACTORY.createGenerator(out);
    generator.writeStartArray();
    parts.add(part);
    inPart = 0;
  }

  private void closePart() throws IOException {
    if (generator != null) {
      generator.writeEndArray();
      generator.close();
      generator = null;
    }
  }

  /** Closes the last part (an empty dataset still gets one part holding {@code []}) and lists the parts. */
  public List<Path> finish() throws IOException {
    if (parts.isEmpty()) {
      openPart();
    }
    closePart();
    return List.copyOf(parts);
  }

  @Override
  public void close() throws IOException {
    closePart();
  }
}
