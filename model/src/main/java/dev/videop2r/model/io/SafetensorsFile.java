package dev.videop2r.model.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-mapped safetensors file of any size. A {@code MappedByteBuffer} holds at most 2 GiB, so the data
 * section is mapped in chunks: consecutive tensors are grouped into chunks of at most {@code chunkBytes} (a
 * tensor larger than that gets a chunk of its own), and each tensor is a slice of its chunk. Only single tensors
 * above 2 GiB are refused (no published Qwen2.5-VL tensor comes close: the largest is 1.1 GB).
 */
public final class SafetensorsFile implements AutoCloseable {

  /** Largest chunk a MappedByteBuffer can hold. */
  public static final long MAX_CHUNK = Integer.MAX_VALUE - 8;

  private final Path path;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;
  private final Map<String, ByteBuffer> slices = new LinkedHashMap<>();
  private final int chunkCount;

  private SafetensorsFile(Path path, long chunkBytes) throws IOException {
    this.path = path;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      SafetensorsHeader header = SafetensorsHeader.read(channel, path);
      long dataStart = header.dataStart();
      this.tensors = header.tensors();
      this.metadata = header.metadata();
      List<List<TensorInfo>> chunks = planChunks(tensors.values(), chunkBytes);
      for (List<TensorInfo> chunk : chunks) {
        long from = chunk.get(0).begin();
        long to = chunk.get(chunk.size() - 1).end();
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + from, to - from);
        for (TensorInfo t : chunk) {
          ByteBuffer slice = mapped.slice((int) (t.begin() - from), (int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
          slices.put(t.name(), slice);
        }
      }
      this.chunkCount = chunks.size();
    }
  }

  /** Opens and maps a file with the largest chunks possible. */
  public static SafetensorsFile open(Path path) {
    return open(path, MAX_CHUNK);
  }

  /** Opens and maps a file in chunks of at most {@code chunkBytes} (tests use small chunks). */
  public static SafetensorsFile open(Path path, long chunkBytes) {
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK) {
      throw new IllegalArgumentException("chunk size must be in [1, " + MAX_CHUNK + "], got " + chunkBytes);
    }
    try {
      return new SafetensorsFile(path, chunkBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Groups tensors, in file order, into contiguous runs whose span stays within {@code chunkBytes}; a tensor larger
   * than the limit forms its own run (refused above {@link #MAX_CHUNK}).
   */
  static List<List<TensorInfo>> planChunks(Iterable<TensorInfo> infos, long chunkBytes) {
    List<TensorInfo> ordered = new ArrayList<>();
    infos.forEach(ordered::add);
    ordered.sort((a, b) -> Long.compare(a.begin(), b.begin()));
    List<List<TensorInfo>> chunks = new ArrayList<>();
    List<TensorInfo> current = new ArrayList<>();
    for (TensorInfo t : ordered) {
      if (t.byteSize() > MAX_CHUNK) {
        throw new IllegalArgumentException("tensor '" + t.name() + "' is " + t.byteSize()
            + " bytes; single tensors over 2 GiB are not supported");
      }
      if (!current.isEmpty() && t.end() - current.get(0).begin() > chunkBytes) {
        chunks.add(current);
        current = new ArrayList<>();
      }
      current.add(t);
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  public Path path() {
    return path;
  }

  /** Header entries in header order. */
  public Map<String, TensorInfo> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  public Map<String, String> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  public TensorInfo info(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
    }
    return info;
  }

  /** Little-endian read-only view of a tensor's bytes (valid while the file stays mapped, i.e. until GC). */
  public ByteBuffer bytes(String name) {
    info(name);
    return slices.get(name).duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Number of mapped chunks (exposed for tests of the chunking logic). */
  public int chunkCount() {
    return chunkCount;
  }

  /** Values of a floating tensor widened to float32 (BF16 is exact: bits << 16). */
  public float[] floats(String name) {
    TensorInfo info = info(name);
    ByteBuffer b = bytes(name);
    float[] out = new float[Math.toIntExact(info.elementCount())];
    switch (info.dtype()) {
      case F32 -> b.asFloatBuffer().get(out);
      case BF16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
        }
      }
      case F16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Float.float16ToFloat(b.getShort(2 * i));
        }
      }
      case F64 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) b.getDouble(8 * i);
        }
      }
      default -> throw new IllegalArgumentException(path + ": tensor '" + name + "' is " + info.dtype()
          + ", not a floating type");
    }
    return out;
  }

  /** Values of an integer tensor widened to int64. */
  public long[] longs(String name) {
    TensorInfo info = info(name);
    ByteBuffer b = bytes(name);
    long[] out = new long[Math.toIntExact(info.elementCount())];
    switch (info.dtype()) {
      case I64 -> b.asLongBuffer().get(out);
      case I32 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.getInt(4 * i);
        }
      }
      case U8, BOOL -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.get(i) & 0xff;
        }
      }
      default -> throw new IllegalArgumentException(path + ": tensor '" + name + "' is " + info.dtype()
          + ", not an integer type");
    }
    return out;
  }

  /** Mappings are released by the garbage collector; closing only drops this object's references. */
  @Override
  public void close() {
    slices.clear();
  }
}
