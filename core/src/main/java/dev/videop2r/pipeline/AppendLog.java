package dev.videop2r.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * An append-only file of single-line JSON entries, each prefixed by its CRC-32: {@code <8 hex> <json>\n}.
 * One {@code write} per entry under a lock, so a kill -9 can at worst leave the last line torn; opening
 * drops such a torn tail (its entry was never acknowledged) and refuses a damaged line in the middle.
 * Entries are durable against process death once {@link #append} returns (they are in the OS page cache);
 * {@link #sync} forces them to the device against power loss.
 */
public final class AppendLog implements Closeable {

  /** Receives each valid entry while a log is opened. */
  @FunctionalInterface
  public interface Replay {
    void entry(long offset, String json) throws IOException;
  }

  private final Path file;
  private final FileChannel channel;
  private long size;

  private AppendLog(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /** Opens (creating if absent) the log, replaying its valid entries in order and dropping a torn tail. */
  public static AppendLog open(Path file, Replay replay) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long validEnd = replayAll(file, ch, replay);
      if (validEnd < ch.size()) {
        ch.truncate(validEnd);
        ch.force(true);
      }
      ch.position(validEnd);
      return new AppendLog(file, ch, validEnd);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static long replayAll(Path file, FileChannel ch, Replay replay) throws IOException {
    InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch.position(0)), 1 << 16);
    long offset = 0;
    long lineNo = 0;
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(4096);
    long tornAt = -1;
    while (true) {
      line.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      if (b < 0 && line.size() == 0) {
        return tornAt >= 0 ? tornAt : offset;
      }
      lineNo++;
      String json = b < 0 ? null : decode(line.toByteArray());
      if (json == null) {
        if (tornAt < 0) {
          tornAt = offset;
        }
      } else {
        if (tornAt >= 0) {
          throw new IOException(file + ": line " + (lineNo - 1) + " is damaged but later lines are intact;"
              + " the file was modified outside videop2r. Remove or repair it.");
        }
        replay.entry(offset, json);
      }
      offset += line.size() + (b < 0 ? 0 : 1);
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
    synchronized (this) {
      long at = size;
      ByteBuffer buf = ByteBuffer.wrap(lineBytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      size += lineBytes.length;
      return at;
    }
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
    synchronized (this) {
      if (channel.isOpen()) {
        channel.force(false);
        channel.close();
      }
    }
  }
}
