package dev.videop2r.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A folder for one fuzz run: readers get their input under {@code in/} and may write under {@code out/};
 * anything else appearing in the folder is a stray write.
 */
public record Sandbox(Path root, Path in, Path out) {

  /** Creates {@code in/} and {@code out/} under {@code root} (a JUnit {@code @TempDir}). */
  public static Sandbox under(Path root) throws IOException {
    return new Sandbox(root, Files.createDirectories(root.resolve("in")), Files.createDirectories(root.resolve("out")));
  }

  /** The first entry of the folder outside {@code in/} and {@code out/}, or null. */
  String strayFiles() {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> !p.equals(in) && !p.equals(out)).map(Path::toString).findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
