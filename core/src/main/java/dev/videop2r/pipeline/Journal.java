package dev.videop2r.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import dev.videop2r.spec.InvalidFieldException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The pipeline's crash-safe record of finished samples: an {@link AppendLog} whose first entry is a header with
 * the run's settings, followed by one {@link SampleOutcome} per finished sample. A sample's latest entry is its
 * fate (a retried error is superseded by its retry), so resuming never redoes a finished sample and never
 * produces two fates for one.
 */
public final class Journal implements Closeable {

  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int VERSION = 1;

  private final AppendLog log;
  private final FileChannel reader;
  /** Offset of each sample's latest entry, indexed by record number; 0 = none (offset 0 is the header). */
  private final long[] offsets;
  private final Fate[] fates;
  private final Lock lock;

  /**
   * The exclusive lock on {@code <journal>.lock} that keeps two runs off one journal (and off the judge cache
   * beside it: a run takes it before opening anything else in its output directory).
   */
  public static final class Lock implements Closeable {
    private final FileLock held;

    private Lock(FileLock held) {
      this.held = held;
    }

    @Override
    public void close() throws IOException {
      held.channel().close();
    }
  }

  private Journal(AppendLog log, long[] offsets, Fate[] fates, Lock lock) throws IOException {
    this.log = log;
    this.lock = lock;
    this.offsets = offsets;
    this.fates = fates;
    this.reader = FileChannel.open(log.file(), StandardOpenOption.READ);
  }

  /** Takes the journal's lock, refusing when another run holds it. */
  public static Lock lock(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this JVM
    }
    if (lock == null) {
      ch.close();
      throw new IllegalStateException("another run is using " + file + " (its lock file is held)");
    }
    return new Lock(lock);
  }

  /**
   * Opens the journal for a run over {@code total} samples with the given settings.
   *
   * @param resume continue an existing journal; without it an existing non-empty journal is refused
   * @throws InvalidFieldException (field {@code out}) when the journal exists and resuming is not asked for
   * @throws IllegalStateException when its settings differ
   */
  public static Journal open(Path file, int total, ObjectNode settings, boolean resume) throws IOException {
    Lock lock = lock(file);
    try {
      return open(file, total, settings, resume, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens the journal under a lock the caller took with {@link #lock}; the journal releases it on close.
   */
  public static Journal open(Path file, int total, ObjectNode settings, boolean resume, Lock lock)
      throws IOException {
    boolean existed = Files.exists(file) && Files.size(file) > 0;
    if (existed && !resume) {
      throw new InvalidFieldException("out", name -> "journal " + file + " already exists; use " + name.apply("resume")
          + " to continue that run, or choose an empty directory");
    }
    long[] offsets = new long[total + 1];
    Fate[] fates = new Fate[total + 1];
    JsonNode[] header = new JsonNode[1];
    AppendLog log = AppendLog.open(file, (offset, json) -> {
      JsonNode n = JSON.readTree(json);
      if (header[0] == null) {
        header[0] = n;
        return;
      }
      long number = n.get("number").asLong();
      if (number < 1 || number > total) {
        throw new IllegalStateException("journal " + file + " holds record " + number + " but the input has "
            + total + " records; it belongs to another input");
      }
      offsets[(int) number] = offset;
      fates[(int) number] = Fate.valueOf(n.get("fate").asText());
    });
    try {
      if (header[0] == null) {
        ObjectNode h = JSON.createObjectNode();
        h.put("journal", "videop2r-cot").put("version", VERSION).put("total", total).set("settings", settings);
        log.append(JSON.writeValueAsString(h));
        log.sync();
      } else {
        checkHeader(file, header[0], total, settings);
      }
      return new Journal(log, offsets, fates, lock);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private static void checkHeader(Path file, JsonNode h, int total, ObjectNode settings) {
    if (!"videop2r-cot".equals(h.path("journal").asText()) || h.path("version").asInt() != VERSION) {
      throw new IllegalStateException(file + " is not a videop2r CoT journal (version " + VERSION + ")");
    }
    if (h.path("total").asInt() != total) {
      throw new IllegalStateException("journal " + file + " was written for " + h.path("total").asInt()
          + " input records but the input now has " + total);
    }
    List<String> differ = new ArrayList<>();
    JsonNode old = h.path("settings");
    for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      // Compare serialised forms: a long read back from JSON is an int node, equal in value but not in type.
      if (!settings.get(k).toString().equals(String.valueOf(old.get(k)))) {
        differ.add(k + " (was " + old.get(k) + ", now " + settings.get(k) + ")");
      }
    }
    for (Iterator<String> it = old.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!settings.has(k)) {
        differ.add(k + " (was " + old.get(k) + ", now unset)");
      }
    }
    if (!differ.isEmpty()) {
      throw new IllegalStateException("cannot resume " + file + ": settings differ from the journaled run: "
          + String.join("; ", differ));
    }
  }

  /** The latest fate journaled for a sample, or null when it has none. */
  public synchronized Fate fate(long number) {
    return fates[(int) number];
  }

  /** Appends a sample's outcome; after this returns, a crash cannot lose it. */
  public void record(SampleOutcome outcome) throws IOException {
    long at = log.append(JSON.writeValueAsString(outcome));
    synchronized (this) {
      offsets[(int) outcome.number()] = at;
      fates[(int) outcome.number()] = outcome.fate();
    }
  }

  /** The latest outcome of a sample, or null when it has none. */
  public SampleOutcome read(long number) throws IOException {
    long at;
    synchronized (this) {
      at = offsets[(int) number];
    }
    return at == 0 ? null : JSON.readValue(AppendLog.readAt(reader, at), SampleOutcome.class);
  }

  public void sync() throws IOException {
    log.sync();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
      log.close();
    } finally {
      lock.close();
    }
  }
}
