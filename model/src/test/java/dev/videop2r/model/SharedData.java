package dev.videop2r.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the team's shared data (golden fixtures) beside the repository. */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    String property = System.getProperty("videop2r.shared");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("../shared"))) {
        return dir.resolve("../shared").normalize();
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("shared data not found: set -Dvideop2r.shared or keep ../shared beside the repo");
  }

  public static Path golden(String name) {
    return root().resolve("golden").resolve(name);
  }
}
