package dev.videop2r.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's golden test data ({@code testdata/}, see its README), located by the POM for surefire. */
public final class TestData {

  private TestData() {}

  /** {@code testdata/golden/<name>}. */
  public static Path golden(String name) {
    String root = System.getProperty("videop2r.testdata");
    if (root == null || !Files.isDirectory(Path.of(root, "golden"))) {
      throw new IllegalStateException("golden test data not found: run the tests through Maven (the parent POM sets "
          + "-Dvideop2r.testdata to the repository's testdata folder); got " + root);
    }
    return Path.of(root, "golden", name);
  }
}
