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
 * A safetensors file of any size, read by positional reads ({@link #read}: what loading a model does) or through a
 * memory mapping made on first use ({@link #bytes}, {@link #floats}, {@link #longs}). A {@code MappedByteBuffer}
 * holds at most 2 GiB, so the data section is mapped in chunks: consecutive tensors are grouped into chunks of at
 * most {@code chunkBytes} (a tensor larger than that gets a chunk of its own), and each tensor is a slice of its
 * chunk, so only single tensors above 2 GiB cannot be mapped ({@link #read} copies any size; no published
 * Qwen2.5-VL tensor comes close: the largest is 1.1 GB, 2.2 GB once widened to float32).
 */
public final class SafetensorsFile implements AutoCloseable {

  /** Largest chunk a MappedByteBuffer can hold. */
  public static final long MAX_CHUNK = Integer.MAX_VALUE - 8;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;
  private final long chunkBytes;
  /** Tensor views into the mapped chunks; null until {@link #bytes} first needs them. Guarded by this. */
  private Map<String, ByteBuffer> slices;

  private SafetensorsFile(Path path, long chunkBytes) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      SafetensorsHeader header = SafetensorsHeader.read(channel, path);
      this.dataStart = header.dataStart();
      this.tensors = header.tensors();
      this.metadata = header.metadata();
      this.chunkBytes = chunkBytes;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Opens a file; {@link #bytes} maps it in the largest chunks possible. */
  public static SafetensorsFile open(Path path) {
    return open(path, MAX_CHUNK);
  }

  /** Opens a file that {@link #bytes} maps in chunks of at most {@code chunkBytes} (tests use small chunks). */
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

  /**
   * Little-endian read-only view of a tensor's bytes in the file's mapping (made on the first call; the pages read
   * through it stay in the process's RSS until a GC unmaps them: {@link #read} leaves nothing behind).
   */
  public ByteBuffer bytes(String name) {
    info(name);
    return slices().get(name).duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  private synchronized Map<String, ByteBuffer> slices() {
    if (slices == null) {
      Map<String, ByteBuffer> mapped = new LinkedHashMap<>();
      try {
        for (List<TensorInfo> chunk : planChunks(tensors.values(), chunkBytes)) {
          long from = chunk.get(0).begin();
          long to = chunk.get(chunk.size() - 1).end();
          MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + from, to - from);
          for (TensorInfo t : chunk) {
            mapped.put(t.name(), map.slice((int) (t.begin() - from), (int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot map " + path + ": " + e.getMessage(), e);
      }
      slices = mapped;
    }
    return slices;
  }

  /**
   * Copies the tensor's bytes from {@code offset} into {@code dst} (its remaining bytes, from its position; the
   * position advances) with positional reads of the file, so the copy leaves no file pages mapped into the process
   * (what reading {@link #bytes} does until a GC unmaps them: a model's whole checkpoint counted in its RSS).
   */
  public void read(String name, long offset, ByteBuffer dst) {
    TensorInfo info = info(name);
    if (offset < 0 || offset + dst.remaining() > info.byteSize()) {
      throw new IllegalArgumentException(path + ": tensor '" + name + "' has " + info.byteSize() + " bytes; cannot read "
          + dst.remaining() + " from byte " + offset);
    }
    long at = dataStart + info.begin() + offset;
    try {
      while (dst.hasRemaining()) {
        int n = channel.read(dst, at);
        if (n < 0) {
          throw new IOException("file ends at byte " + at);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tensor '" + name + "' from " + path + ": " + e.getMessage(), e);
    }
  }

  /** Number of chunks {@link #bytes} maps (exposed for tests of the chunking logic). */
  public int chunkCount() {
    return planChunks(tensors.values(), chunkBytes).size();
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

  /** Closes the file; mappings are released by the garbage collector (closing drops this object's references). */
  @Override
  public synchronized void close() {
    slices = null;
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
  }
}
