package dev.videop2r.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * The project's one JSON mapper. An {@link ObjectMapper} is thread-safe once configured and costly to build, so
 * every reader and writer shares this one instead of making its own. File paths are written as they were given
 * ({@code data/train.json}), not as {@code file://} URIs.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("paths").addSerializer(Path.class, ToStringSerializer.instance));

  /** The shared mapper's writer for files people read (indented, as {@code INDENT_OUTPUT} writes them). */
  public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}
}
