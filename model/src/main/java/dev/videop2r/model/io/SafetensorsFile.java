package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;
  private final Map<String, ByteBuffer> slices = new LinkedHashMap<>();
  private final int chunkCount;

  private SafetensorsFile(Path path, long chunkBytes) throws IOException {
    this.path = path;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < 8) {
        throw new IllegalArgumentException(path + ": not a safetensors file (" + fileSize + " bytes)");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength <= 0 || headerLength > 100_000_000L || 8 + headerLength > fileSize) {
        throw new IllegalArgumentException(path + ": bad safetensors header length " + headerLength);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      long dataStart = 8 + headerLength;
      Header parsed = parseHeader(header.array(), path);
      this.tensors = parsed.tensors;
      this.metadata = parsed.metadata;
      for (TensorInfo t : tensors.values()) {
        if (dataStart + t.end() > fileSize) {
          throw new IllegalArgumentException(path + ": tensor '" + t.name() + "' ends past the end of the file");
        }
      }
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

  private record Header(Map<String, TensorInfo> tensors, Map<String, String> metadata) {}

  private static Header parseHeader(byte[] bytes, Path path) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(path + ": safetensors header is not a JSON object");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      JsonNode entry = e.getValue();
      try {
        JsonNode shapeNode = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (shapeNode == null || offsets == null || offsets.size() != 2 || !entry.has("dtype")) {
          throw new IllegalArgumentException("needs dtype, shape and data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeNode.get(i).asLong();
        }
        tensors.put(e.getKey(), new TensorInfo(e.getKey(), TensorDType.fromCode(entry.get("dtype").asText()), shape,
            offsets.get(0).asLong(), offsets.get(1).asLong()));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(path + ": tensor '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return new Header(tensors, metadata);
  }

  private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
    long pos = position;
    while (target.hasRemaining()) {
      int n = channel.read(target, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
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
