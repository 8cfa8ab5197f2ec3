package dev.videop2r.evaluation;

import dev.videop2r.data.MediaRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds an item's video under the media root. Annotation paths come in several shapes (Video-R1's
 * {@code ./Evaluation/<Bench>/...}, official relative paths, bare file names whose folder is a
 * discipline or source), so it tries, in order: the path as given; the path with leading folders
 * dropped one at a time; then a file of that name anywhere under the root, also with another video
 * extension ({@code .MP4}, {@code .mkv}, {@code .webm}: Video-MME and MVBench ship a few). As in the CoT pipeline
 * ({@link MediaRoot}), an absolute path or one with {@code ..} is refused: nothing outside the root is read.
 */
public final class MediaResolver {

  private final Path root;
  private final MediaRoot guard;
  private Map<String, Path> byName;
  private Map<String, Path> byStem;

  public MediaResolver(Path root) {
    this.root = root;
    this.guard = new MediaRoot(root);
  }

  public Path root() {
    return root;
  }

  /**
   * The item's video, or empty when none is found.
   *
   * @throws IllegalArgumentException for an absolute path or one with {@code ..}
   */
  public Optional<Path> resolve(String annotationPath) {
    guard.resolve(annotationPath);
    String relative = annotationPath.replace('\\', '/');
    while (relative.startsWith("./")) {
      relative = relative.substring(2);
    }
    String candidate = relative;
    while (!candidate.isEmpty()) {
      Path p = root.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
      int slash = candidate.indexOf('/');
      candidate = slash < 0 ? "" : candidate.substring(slash + 1);
    }
    indexOnce();
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    Path byFileName = byName.get(name);
    return byFileName != null ? Optional.of(byFileName) : Optional.ofNullable(byStem.get(stem(name)));
  }

  private synchronized void indexOnce() {
    if (byName != null) {
      return;
    }
    byName = new HashMap<>();
    byStem = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile)
          .forEach(p -> {
            String name = p.getFileName().toString();
            byName.putIfAbsent(name, p);
            byStem.putIfAbsent(stem(name), p);
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index media root " + root + ": " + e.getMessage(), e);
    }
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
  }
}
