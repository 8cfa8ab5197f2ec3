package dev.videop2r.video;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the team's shared golden data (system property {@code videop2r.shared}, else {@code ../shared}). */
final class SharedData {
  private SharedData() {}

  static Path dir() {
    String property = System.getProperty("videop2r.shared");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("golden"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared data not found: set -Dvideop2r.shared or place it at ../shared");
  }
}
