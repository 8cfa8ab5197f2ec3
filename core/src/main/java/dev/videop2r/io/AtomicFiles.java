package dev.videop2r.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way this project replaces a file or publishes a directory so that it survives a crash or a power
 * loss: write to a temporary sibling, {@code fsync} it, rename it over the target, then {@code fsync} the
 * parent directory so the rename itself is on disk. Readers see the old complete file or the new complete one;
 * after a power cut the file is never empty, half-written or missing.
 *
 * <p>Use {@link #write(Path, byte[])} or {@link #write(Path, Content)} for a file; for a directory built in a
 * temporary sibling, {@link #syncTree(Path)} it and then {@link #move(Path, Path)} it into place.
 */
public final class AtomicFiles {

  /** Writes a file's bytes to a stream (the stream is the temporary file; closing it is not required). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Replaces {@code file} with {@code bytes} atomically and durably. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /**
   * Replaces {@code file} with what {@code content} writes, atomically and durably; on any failure the target
   * is untouched and the temporary file removed.
   */
  public static void write(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Renames {@code source} over {@code target} in one atomic step and syncs the target's directory. The source
   * must already be synced (files and, for a directory, its tree: {@link #syncTree}).
   */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Syncs every file and directory under {@code dir}, and {@code dir} itself (before publishing it). */
  public static void syncTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(p)) {
          syncDirectory(p);
        } else if (Files.isRegularFile(p)) {
          syncFile(p);
        }
      }
    }
  }

  /** Flushes a file's data and metadata to the device. */
  public static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Flushes a directory's entries (new names, renames) to the device. Platforms that cannot open a directory
   * (Windows) make renames durable by themselves, so there it is skipped.
   */
  public static void syncDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }
}
