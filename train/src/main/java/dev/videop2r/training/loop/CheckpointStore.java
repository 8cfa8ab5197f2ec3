package dev.videop2r.training.loop;

import dev.videop2r.spec.InvalidFieldException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/**
 * Checkpoints under {@code <run>/checkpoints/step-NNNNNNNN/}: {@code state.json}, {@code weights.safetensors},
 * {@code optimizer.safetensors} and {@code checksums.json} (the CRC32C of the other three). Each one is written
 * into a temporary directory, synced, and renamed into place in one atomic move followed by a sync of the
 * directory, so a crash or a power cut leaves either the whole checkpoint or none. Loading checks the checksums
 * and the tensor files' structure; a damaged checkpoint is skipped for the one before it. Older ones beyond
 * {@code keep} are deleted after a new one lands.
 */
public final class CheckpointStore {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String PREFIX = "step-";
  private static final String STATE = "state.json";
  private static final String WEIGHTS = "weights.safetensors";
  private static final String OPTIMIZER = "optimizer.safetensors";
  private static final String CHECKSUMS = "checksums.json";

  /** A checkpoint as read back. */
  public record Loaded(Path dir, TrainingState state, Map<String, NDArray> weights,
                       Map<String, NDArray> optimizer) {}

  private final Path root;
  private final int keep;

  public CheckpointStore(Path runDir, int keep) {
    if (keep < 1) {
      throw new InvalidFieldException("keepCheckpoints", "must be >= 1, got " + keep);
    }
    this.root = runDir.resolve("checkpoints");
    this.keep = keep;
  }

  /** Whether {@code runDir} holds a complete checkpoint (a run to resume rather than to start afresh). */
  public static boolean holdsCheckpoint(Path runDir) {
    return new CheckpointStore(runDir, 1).latest().isPresent();
  }

  public Path save(TrainingState state, Map<String, NDArray> weights, Map<String, NDArray> optimizer) {
    try {
      Files.createDirectories(root);
      Path finalDir = root.resolve(String.format("%s%08d", PREFIX, state.step()));
      Path tmp = Files.createTempDirectory(root, ".tmp-");
      Map<String, Long> checksums = new LinkedHashMap<>();
      checksums.put(WEIGHTS, TensorFile.write(tmp.resolve(WEIGHTS), weights));
      checksums.put(OPTIMIZER, TensorFile.write(tmp.resolve(OPTIMIZER), optimizer));
      byte[] stateJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
      Files.write(tmp.resolve(STATE), stateJson);
      checksums.put(STATE, crc32c(stateJson));
      Files.write(tmp.resolve(CHECKSUMS), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(checksums));
      AtomicFiles.syncTree(tmp);
      if (Files.exists(finalDir)) {
        deleteTree(finalDir);
      }
      AtomicFiles.move(tmp, finalDir);
      prune();
      return finalDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint for step " + state.step() + " under " + root, e);
    }
  }

  /** The newest complete checkpoint directory, if any (not yet checked for damage). */
  public Optional<Path> latest() {
    return complete().stream().reduce((a, b) -> b);
  }

  /**
   * The newest checkpoint that loads intact; each damaged one passed over is reported to {@code skipped} (its
   * directory and what is wrong). Empty when there is no checkpoint; an error listing every failure when none
   * is intact.
   */
  public Optional<Loaded> loadNewestIntact(NDManager manager, Consumer<String> skipped) {
    List<Path> all = new ArrayList<>(complete());
    List<String> failures = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(load(all.get(i), manager));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        String failure = all.get(i) + ": " + e.getMessage();
        failures.add(failure);
        skipped.accept(failure);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalArgumentException("no intact checkpoint under " + root + " (" + String.join("; ", failures)
          + ")");
    }
    return Optional.empty();
  }

  /** Reads one checkpoint, checking its checksums (when it has them) and its tensor files' structure. */
  private Loaded load(Path dir, NDManager manager) {
    try {
      verifyChecksums(dir);
      TrainingState state = JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class);
      return new Loaded(dir, state, TensorFile.read(dir.resolve(WEIGHTS), manager),
          TensorFile.read(dir.resolve(OPTIMIZER), manager));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Checkpoints written before checksums were recorded have no checksums.json and are checked structurally. */
  private static void verifyChecksums(Path dir) throws IOException {
    Path file = dir.resolve(CHECKSUMS);
    if (!Files.exists(file)) {
      return;
    }
    Map<String, Long> expected = JSON.readValue(file.toFile(), new TypeReference<Map<String, Long>>() {});
    for (String name : List.of(STATE, WEIGHTS, OPTIMIZER)) {
      Long want = expected.get(name);
      if (want == null) {
        throw new IOException(CHECKSUMS + " has no entry for " + name);
      }
      long got = crc32c(dir.resolve(name));
      if (got != want) {
        throw new IOException(name + " is damaged (CRC32C " + Long.toHexString(got) + ", written as "
            + Long.toHexString(want) + ")");
      }
    }
  }

  private static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  private static long crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buffer) >= 0) {
        crc.update(buffer.flip());
        buffer.clear();
      }
    }
    return crc.getValue();
  }

  private List<Path> complete() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> Files.isRegularFile(p.resolve(STATE)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + root, e);
    }
  }
  private void prune() throws IOException {
    List<Path> all = new ArrayList<>(complete());
    while (all.size() > keep) {
      deleteTree(all.remove(0));
    }
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
