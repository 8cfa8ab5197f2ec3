package dev.videop2r.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a command's output directory up front, so a path that cannot be one is named by its flag. */
public final class OutputDirectory {
  private OutputDirectory() {}

  /** Creates {@code dir} (and its parents) unless it is a directory already; the message names {@code flag}. */
  public static Path create(Path dir, String flag) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(flag + " " + dir + " is a file, not a directory");
    }
    try {
      return Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(flag + " " + dir + ": " + e.getFile() + " is a file, not a directory", e);
    } catch (FileSystemException e) {
      throw new IllegalArgumentException(flag + " " + dir + ": cannot create the directory"
          + (e.getReason() == null ? "" : " (" + e.getReason() + ")"), e);
    }
  }
}
