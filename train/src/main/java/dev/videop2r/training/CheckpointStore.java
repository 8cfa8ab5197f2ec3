package dev.videop2r.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints under {@code <run>/checkpoints/step-NNNNNNNN/}: {@code state.json}, {@code weights.safetensors},
 * {@code optimizer.safetensors}. Each one is written into a temporary directory and renamed into place in one
 * atomic move, so a crash leaves either the whole checkpoint or none; the newest complete one is the resume
 * point. Older ones beyond {@code keep} are deleted after a new one lands.
 */
public final class CheckpointStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "step-";

  /** A checkpoint as read back. */
  public record Loaded(Path dir, TrainingState state, Map<String, NDArray> weights,
                       Map<String, NDArray> optimizer) {}

  private final Path root;
  private final int keep;

  public CheckpointStore(Path runDir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep-checkpoints must be >= 1, got " + keep);
    }
    this.root = runDir.resolve("checkpoints");
    this.keep = keep;
  }

  public Path save(TrainingState state, Map<String, NDArray> weights, Map<String, NDArray> optimizer) {
    try {
      Files.createDirectories(root);
      Path finalDir = root.resolve(String.format("%s%08d", PREFIX, state.step()));
      Path tmp = Files.createTempDirectory(root, ".tmp-");
      TensorFile.write(tmp.resolve("weights.safetensors"), weights);
      TensorFile.write(tmp.resolve("optimizer.safetensors"), optimizer);
      Files.write(tmp.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      if (Files.exists(finalDir)) {
        deleteTree(finalDir);
      }
      Files.move(tmp, finalDir, StandardCopyOption.ATOMIC_MOVE);
      prune();
      return finalDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint for step " + state.step() + " under " + root, e);
    }
  }

  /** The newest complete checkpoint directory, if any. */
  public Optional<Path> latest() {
    return complete().stream().reduce((a, b) -> b);
  }

  public Loaded load(Path dir, NDManager manager) {
    try {
      TrainingState state = JSON.readValue(dir.resolve("state.json").toFile(), TrainingState.class);
      return new Loaded(dir, state, TensorFile.read(dir.resolve("weights.safetensors"), manager),
          TensorFile.read(dir.resolve("optimizer.safetensors"), manager));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  private List<Path> complete() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> Files.isRegularFile(p.resolve("state.json")))
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
