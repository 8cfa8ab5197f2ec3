package dev.videop2r.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * An append-only file of single-line JSON entries, each prefixed by its CRC-32: {@code <8 hex> <json>\n}.
 * Several logs, in this process or others, may append to one file (the judge cache is shared by reruns and RL):
 * every append and every open holds an exclusive lock on the file and writes at its current end. One
 * {@code write} per entry, so a kill -9 can at worst leave the last line unterminated; opening, and the next
 * append, drop such a torn tail (its entry was never acknowledged). A complete line whose checksum does not
 * match was not torn by a kill: it is refused, anywhere in the file, and nothing is cut.
 * Entries are durable against process death once {@link #append} returns (they are in the OS page cache);
 * {@link #sync} forces them to the device against power loss.
 */
public final class AppendLog implements Closeable {

  /** Receives each valid entry while a log is opened. */
  @FunctionalInterface
  public interface Replay {
    void entry(long offset, String json) throws IOException;
  }

  /**
   * One monitor per file for this JVM: file locks are held per process, so two logs of one process on one file
   * (a second lock would throw {@code OverlappingFileLockException}) take turns here first.
   */
  private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final Object monitor;

  private AppendLog(Path file, FileChannel channel, Object monitor) {
    this.file = file;
    this.channel = channel;
    this.monitor = monitor;
  }

  /** Opens (creating if absent) the log, replaying its valid entries in order and dropping a torn tail. */
  public static AppendLog open(Path file, Replay replay) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      AppendLog log = new AppendLog(file, ch, IN_PROCESS.computeIfAbsent(file.toRealPath(), k -> new Object()));
      log.locked(() -> {
        long validEnd = replayAll(file, ch, replay);
        if (validEnd < ch.size()) {
          ch.truncate(validEnd);
          ch.force(true);
        }
        return validEnd;
      });
      return log;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Work done while holding the file exclusively. */
  @FunctionalInterface
  private interface LockedWork {
    long run() throws IOException;
  }

  private long locked(LockedWork work) throws IOException {
    synchronized (monitor) {
      try (FileLock ignored = channel.lock()) {
        return work.run();
      }
    }
  }

  private static long replayAll(Path file, FileChannel ch, Replay replay) throws IOException {
    InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch.position(0)), 1 << 16);
    long offset = 0;
    long lineNo = 0;
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(4096);
    while (true) {
      line.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      if (b < 0) {
        return offset; // end of file, possibly after an unterminated (torn) line that is dropped
      }
      lineNo++;
      String json = decode(line.toByteArray());
      if (json == null) {
        throw new IOException(file + ": line " + lineNo + " is damaged (its checksum does not match) although it is"
            + " complete; the file was modified outside videop2r. Remove or repair that line.");
      }
      replay.entry(offset, json);
      offset += line.size() + 1;
    }
  }

  /** The JSON of a well-formed line (without its newline), or null when the checksum does not match. */
  private static String decode(byte[] line) {
    if (line.length < 10 || line[8] != ' ') {
      return null;
    }
    long expected;
    try {
      expected = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(line, 9, line.length - 9);
    return crc.getValue() == expected ? new String(line, 9, line.length - 9, StandardCharsets.UTF_8) : null;
  }

  /** Appends one entry (JSON without newlines) and returns its offset. */
  public long append(String json) throws IOException {
    if (json.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("log entries are single lines");
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(body);
    byte[] lineBytes = new byte[body.length + 10];
    System.arraycopy(String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII), 0, lineBytes, 0, 9);
    System.arraycopy(body, 0, lineBytes, 9, body.length);
    lineBytes[lineBytes.length - 1] = '\n';
    return locked(() -> {
      long at = endOfLastEntry();
      ByteBuffer buf = ByteBuffer.wrap(lineBytes);
      long pos = at;
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
      return at;
    });
  }

  /**
   * The end of the file's last complete line, cutting an unterminated tail first: under the lock nobody is
   * writing, so such a tail was left by a writer that died mid-line.
   */
  private long endOfLastEntry() throws IOException {
    long end = channel.size();
    ByteBuffer one = ByteBuffer.allocate(4096);
    long scan = end;
    while (scan > 0) {
      int n = (int) Math.min(one.capacity(), scan);
      one.clear().limit(n);
      long from = scan - n;
      while (one.hasRemaining() && channel.read(one, from + one.position()) > 0) {
        // read the whole chunk
      }
      for (int i = n - 1; i >= 0; i--) {
        if (one.get(i) == '\n') {
          long lineEnd = from + i + 1;
          if (lineEnd < end) {
            channel.truncate(lineEnd);
          }
          return lineEnd;
        }
      }
      scan = from;
    }
    if (end > 0) {
      channel.truncate(0);
    }
    return 0;
  }

  /** Forces appended entries to the storage device. */
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Reads the entry that starts at {@code offset} (as returned by {@link #append} or a replay). */
  public static String readAt(FileChannel ch, long offset) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    while (true) {
      int n = ch.read(buf, offset + buf.position());
      for (int i = buf.position() - Math.max(n, 0); i < buf.position(); i++) {
        if (buf.get(i) == '\n') {
          String json = decode(java.util.Arrays.copyOf(buf.array(), i));
          if (json == null) {
            throw new IOException("log entry at offset " + offset + " is damaged");
          }
          return json;
        }
      }
      if (n <= 0) {
        throw new IOException("log entry at offset " + offset + " is not terminated");
      }
      if (!buf.hasRemaining()) {
        buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
      }
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    synchronized (monitor) {
      if (channel.isOpen()) {
        channel.force(false);
        channel.close();
      }
    }
  }
}
