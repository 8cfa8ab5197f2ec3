package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The model module's one JSON mapper (config.json, tokenizer.json, shard indexes, safetensors headers, PEFT
 * configs). The module does not depend on core, so it cannot share core's mapper; one here keeps the mapper, which
 * is thread-safe once configured and costly to build, out of every reader and writer.
 */
public final class ModelJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  /** For files people read: indented, as {@code INDENT_OUTPUT} writes them (HF's files are indented too). */
  public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private ModelJson() {}
}
