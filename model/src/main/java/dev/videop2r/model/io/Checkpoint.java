package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.io.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors weights of a HF model directory: either one {@code model.safetensors} or shards listed in
 * {@code model.safetensors.index.json}. Tensor names are normalised to the published Qwen2.5-VL scheme
 * ({@code visual.*}, {@code model.*}, {@code lm_head.*}); newer saves use {@code model.visual.*} and
 * {@code model.language_model.*}, which are accepted too.
 */
public final class Checkpoint implements AutoCloseable {

  public static final String SINGLE_FILE = "model.safetensors";
  public static final String INDEX_FILE = "model.safetensors.index.json";
  /** HF's default shard limit ("5GB"). */
  public static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;

  private final List<SafetensorsFile> files;
  private final Map<String, Located> byName;

  private record Located(SafetensorsFile file, String storedName) {}

  private Checkpoint(List<SafetensorsFile> files) {
    this.files = files;
    this.byName = new TreeMap<>();
    for (SafetensorsFile f : files) {
      for (String stored : f.tensors().keySet()) {
        String name = canonicalName(stored);
        Located previous = byName.put(name, new Located(f, stored));
        if (previous != null) {
          throw new IllegalArgumentException("tensor '" + name + "' appears twice: in " + previous.file().path()
              + " as '" + previous.storedName() + "' and in " + f.path() + " as '" + stored + "'");
        }
      }
    }
  }

  /** Maps the newer transformers naming ({@code model.visual.}, {@code model.language_model.}) to the published one. */
  public static String canonicalName(String stored) {
    if (stored.startsWith("model.visual.")) {
      return stored.substring("model.".length());
    }
    if (stored.startsWith("model.language_model.")) {
      return "model." + stored.substring("model.language_model.".length());
    }
    return stored;
  }

  /** Opens the weights of a model directory (single file or sharded with an index). */
  public static Checkpoint open(Path dir) {
    return open(dir, SafetensorsFile.MAX_CHUNK);
  }

  static Checkpoint open(Path dir, long chunkBytes) {
    Path index = dir.resolve(INDEX_FILE);
    Path single = dir.resolve(SINGLE_FILE);
    List<SafetensorsFile> files;
    if (Files.isRegularFile(index)) {
      files = openShards(dir, index, chunkBytes);
    } else if (Files.isRegularFile(single)) {
      files = List.of(SafetensorsFile.open(single, chunkBytes));
    } else {
      throw new IllegalArgumentException("no " + SINGLE_FILE + " or " + INDEX_FILE + " in model directory " + dir);
    }
    try {
      return new Checkpoint(files);
    } catch (RuntimeException e) {
      files.forEach(SafetensorsFile::close);
      throw e;
    }
  }

  private static List<SafetensorsFile> openShards(Path dir, Path index, long chunkBytes) {
    JsonNode root;
    try {
      root = ModelJson.MAPPER.readTree(index.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + index + ": " + e.getMessage(), e);
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject()) {
      throw new IllegalArgumentException(index + ": missing object 'weight_map'");
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> expected.computeIfAbsent(e.getValue().asText(), k -> new ArrayList<>())
        .add(e.getKey()));
    List<SafetensorsFile> files = new ArrayList<>();
    try {
      for (Map.Entry<String, List<String>> shard : expected.entrySet()) {
        Path file = shardPath(dir, index, shard.getKey());
        if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
          throw new IllegalArgumentException(index + ": shard '" + shard.getKey() + "' not found in " + dir);
        }
        files.add(SafetensorsFile.open(file, chunkBytes));
        for (String name : shard.getValue()) {
          if (!files.getLast().contains(name)) {
            throw new IllegalArgumentException(index + ": tensor '" + name + "' is listed in shard '"
                + shard.getKey() + "' but the shard does not hold it");
          }
        }
      }
      return files;
    } catch (RuntimeException e) {
      // Each open file holds a descriptor until closed.
      files.forEach(SafetensorsFile::close);
      throw e;
    }
  }

  /** The index's shard name as a path in {@code dir}; a name no path can hold (a NUL, bad UTF-8) is refused. */
  private static Path shardPath(Path dir, Path index, String shard) {
    try {
      return dir.resolve(shard).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(index + ": shard name '" + shard + "' is not a file name (" + e.getReason()
          + ")", e);
    }
  }

  /** The layout the stored names use: {@link KeyLayout#LANGUAGE_MODEL} when any is {@code model.language_model.…}. */
  public KeyLayout layout() {
    return byName.values().stream().anyMatch(l -> l.storedName().startsWith("model.language_model."))
        ? KeyLayout.LANGUAGE_MODEL : KeyLayout.PUBLISHED;
  }

  /** Canonical tensor names, sorted. */
  public Iterable<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  public TensorInfo info(String name) {
    Located l = locate(name);
    return l.file().info(l.storedName());
  }

  /** See {@link SafetensorsFile#read}. */
  public void read(String name, long offset, java.nio.ByteBuffer dst) {
    Located l = locate(name);
    l.file().read(l.storedName(), offset, dst);
  }

  public float[] floats(String name) {
    Located l = locate(name);
    return l.file().floats(l.storedName());
  }

  private Located locate(String name) {
    Located l = byName.get(name);
    if (l == null) {
      throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'");
    }
    return l;
  }

  /**
   * Copies the tokenizer, chat-template, processor and generation files of checkpoint {@code from} into {@code to}:
   * what a checkpoint directory carries besides config and weights, so that a trained or merged model loads alone.
   */
  public static void copySideFiles(Path from, Path to) {
    try (java.util.stream.Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Checkpoint::isSideFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy tokenizer files from " + from + " to " + to + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean isSideFile(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("tokenizer") || name.equals("generation_config.json")
        || name.endsWith("processor_config.json") || name.equals("chat_template.json")
        || name.equals("special_tokens_map.json") || name.equals("vocab.json") || name.equals("merges.txt");
  }

  /**
   * Writes tensors in HF layout: one {@code model.safetensors} when the total fits in {@code maxShardBytes},
   * otherwise {@code model-0000k-of-0000n.safetensors} shards plus {@code model.safetensors.index.json}. Shards
   * from an earlier save with another layout are removed so the directory never mixes two checkpoints.
   */
  public static void save(Path dir, List<SafetensorsWriter.Entry> entries, long maxShardBytes) {
    List<List<SafetensorsWriter.Entry>> shards = new ArrayList<>();
    List<SafetensorsWriter.Entry> current = new ArrayList<>();
    long currentBytes = 0;
    long total = 0;
    for (SafetensorsWriter.Entry e : entries) {
      if (!current.isEmpty() && currentBytes + e.byteSize() > maxShardBytes) {
        shards.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(e);
      currentBytes += e.byteSize();
      total += e.byteSize();
    }
    shards.add(current);
    Map<String, String> meta = Map.of("format", "pt");
    try {
      Files.createDirectories(dir);
      removeOldWeights(dir);
      if (shards.size() == 1) {
        SafetensorsWriter.write(dir.resolve(SINGLE_FILE), shards.get(0), meta);
        return;
      }
      ObjectNode index = ModelJson.MAPPER.createObjectNode();
      index.putObject("metadata").put("total_size", total);
      ObjectNode weightMap = index.putObject("weight_map");
      for (int i = 0; i < shards.size(); i++) {
        String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
        SafetensorsWriter.write(dir.resolve(name), shards.get(i), meta);
        shards.get(i).forEach(e -> weightMap.put(e.name(), name));
      }
      Path tmp = dir.resolve(INDEX_FILE + ".tmp");
      ModelJson.PRETTY.writeValue(tmp.toFile(), index);
      Files.move(tmp, dir.resolve(INDEX_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void removeOldWeights(Path dir) throws IOException {
    try (var listing = Files.list(dir)) {
      for (Path p : (Iterable<Path>) listing::iterator) {
        String n = p.getFileName().toString();
        if (n.equals(SINGLE_FILE) || n.equals(INDEX_FILE) || n.matches("model-\\d{5}-of-\\d{5}\\.safetensors")) {
          Files.delete(p);
        }
      }
    }
  }

  @Override
  public void close() {
    files.forEach(SafetensorsFile::close);
  }
}
