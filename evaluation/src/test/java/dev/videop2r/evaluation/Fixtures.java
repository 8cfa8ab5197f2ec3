package dev.videop2r.evaluation;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/** The hand-written fixture files under {@code src/test/resources/evaluation}. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    URL url = Fixtures.class.getResource("/evaluation/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static LoadedAnnotations load(Benchmark benchmark, String name) {
    return AnnotationLoader.load(benchmark, path(name), AnnotationFormat.AUTO);
  }

  static Map<String, Prediction> predictions(String name) {
    return PredictionJournal.read(path(name)).predictions();
  }
}
