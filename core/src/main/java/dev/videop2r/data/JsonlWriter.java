package dev.videop2r.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes samples as JSON Lines with typed values (the layout {@link DatasetReader} reads back). */
public final class JsonlWriter implements Closeable {

  private final JsonGenerator generator;

  public JsonlWriter(Path file) throws IOException {
    generator = new JsonFactory().createGenerator(Files.newBufferedWriter(file));
    generator.setRootValueSeparator(new SerializedString("\n"));
  }

  public void write(Sample s) throws IOException {
    SampleJson.write(generator, s, false);
  }

  @Override
  public void close() throws IOException {
    generator.writeRaw('\n');
    generator.close();
  }
}
