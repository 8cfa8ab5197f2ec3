package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.io.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes one safetensors file atomically (temp file + move), tensors in the order given. */
public final class SafetensorsWriter {

  /** A tensor to write: {@code data} gives exactly its little-endian bytes. */
  public record Entry(String name, TensorDType dtype, long[] shape, TensorBytes data) {
    public Entry {
      long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
      if (data.size() != elements * dtype.bytes()) {
        throw new IllegalArgumentException("tensor '" + name + "': " + data.size() + " bytes for "
            + dtype.code() + " " + Arrays.toString(shape));
      }
    }

    /** An entry whose bytes are {@code data}'s remaining ones. */
    public Entry(String name, TensorDType dtype, long[] shape, ByteBuffer data) {
      this(name, dtype, shape, TensorBytes.of(data));
    }

    long byteSize() {
      return data.size();
    }

    /** An F32 entry from Java floats. */
    public static Entry ofFloats(String name, long[] shape, float[] values) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return new Entry(name, TensorDType.F32, shape, b);
    }

    /** An I64 entry from Java longs. */
    public static Entry ofLongs(String name, long[] shape, long[] values) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      b.asLongBuffer().put(values);
      return new Entry(name, TensorDType.I64, shape, b);
    }
  }

  private SafetensorsWriter() {}

  public static void write(Path file, List<Entry> entries, Map<String, String> metadata) {
    ObjectNode header = ModelJson.MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Entry e : entries) {
      if (header.has(e.name())) {
        throw new IllegalArgumentException(file + ": duplicate tensor name '" + e.name() + "'");
      }
      ObjectNode t = header.putObject(e.name());
      t.put("dtype", e.dtype().code());
      ArrayNode shape = t.putArray("shape");
      Arrays.stream(e.shape()).forEach(shape::add);
      ArrayNode offsets = t.putArray("data_offsets");
      offsets.add(offset);
      offsets.add(offset + e.byteSize());
      offset += e.byteSize();
    }
    byte[] json;
    try {
      json = ModelJson.MAPPER.writeValueAsBytes(header);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    // The data section starts 8-byte aligned; the format allows trailing spaces in the header for that.
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        TensorBytes.writeFully(out, head);
        for (Entry e : entries) {
          long before = out.position();
          e.data().writeTo(out);
          if (out.position() - before != e.byteSize()) {
            throw new IllegalStateException("tensor '" + e.name() + "' wrote " + (out.position() - before)
                + " bytes, its header says " + e.byteSize());
          }
        }
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write safetensors file " + file + ": " + ex.getMessage(), ex);
    }
  }

}
