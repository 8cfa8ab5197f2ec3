package dev.videop2r.data;

import java.nio.file.Path;

/**
 * Resolves record media paths against a dataset's media root. Video-R1 paths look like {@code ./CLEVRER/x.mp4};
 * a path that could leave the root (absolute, a drive or UNC prefix, or any {@code ..} segment) is refused,
 * so a crafted dataset cannot make the pipeline read arbitrary files.
 */
public final class MediaRoot {

  private final Path root;

  public MediaRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The file a record path names under this root. */
  public Path resolve(String recordPath) {
    if (recordPath == null || recordPath.isBlank()) {
      throw new IllegalArgumentException("empty media path");
    }
    String p = recordPath.replace('\\', '/');
    if (p.startsWith("/") || p.startsWith("~") || (p.length() > 1 && p.charAt(1) == ':')) {
      throw new IllegalArgumentException("media path '" + recordPath + "' is absolute; it must be relative to the"
          + " media root " + root);
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("media path '" + recordPath + "' contains '..' and could escape the"
            + " media root " + root);
      }
    }
    Path resolved = root.resolve(p).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("media path '" + recordPath + "' escapes the media root " + root);
    }
    return resolved;
  }
}
