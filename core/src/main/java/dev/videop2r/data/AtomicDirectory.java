package dev.videop2r.data;

import dev.videop2r.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Publishes a directory all at once: files are written into a staging sibling ({@code .<name>.staging}), synced,
 * and the staging directory is renamed over the target. Readers see either the old complete directory or the new
 * one, never a half-written one (a crash between removing the old and renaming the new leaves no target; the
 * pipeline then rebuilds it from its journal).
 */
public final class AtomicDirectory {

  private final Path target;
  private final Path staging;

  private AtomicDirectory(Path target) {
    this.target = target;
    this.staging = target.resolveSibling("." + target.getFileName() + ".staging");
  }

  /** Starts a fresh staging directory for {@code target} (a leftover one from a crash is discarded). */
  public static AtomicDirectory begin(Path target) throws IOException {
    AtomicDirectory d = new AtomicDirectory(target.toAbsolutePath().normalize());
    deleteTree(d.staging);
    Files.createDirectories(d.staging);
    return d;
  }

  /** Where to write the files. */
  public Path staging() {
    return staging;
  }

  /** Syncs the staged files and renames the staging directory to the target. */
  public Path commit() throws IOException {
    AtomicFiles.syncTree(staging);
    Path old = target.resolveSibling("." + target.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    AtomicFiles.move(staging, target);
    deleteTree(old);
    return target;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
