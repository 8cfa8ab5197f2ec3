package dev.videop2r.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in the safetensors layout (8-byte little-endian header length, JSON header, raw little-endian
 * data), written and read one tensor at a time through a file channel so shards above 2 GiB work. Used for the
 * trainer's checkpoint state (weights and optimizer moments).
 */
public final class TensorFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<DataType, String> CODES =
      Map.of(DataType.FLOAT32, "F32", DataType.FLOAT16, "F16", DataType.BFLOAT16, "BF16",
          DataType.INT64, "I64", DataType.INT32, "I32", DataType.FLOAT64, "F64");

  private TensorFile() {}

  public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    long offset = 0;
    List<NDArray> order = new ArrayList<>();
    for (var e : tensors.entrySet()) {
      NDArray a = e.getValue();
      String code = CODES.get(a.getDataType());
      if (code == null) {
        throw new IllegalArgumentException("cannot store tensor " + e.getKey() + " of type " + a.getDataType());
      }
      long bytes = a.getShape().size() * a.getDataType().getNumOfBytes();
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", code);
      var shape = entry.putArray("shape");
      for (long d : a.getShape().getShape()) {
        shape.add(d);
      }
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
      order.add(a);
    }
    byte[] headerBytes = JSON.writeValueAsBytes(header);
    int padded = (headerBytes.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(headerBytes);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, head);
      for (NDArray a : order) {
        writeFully(ch, a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
      }
      ch.force(true);
    }
  }

  public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0, file);
      long headerLen = len.flip().getLong();
      if (headerLen <= 0 || headerLen > 100_000_000L || 8 + headerLen > ch.size()) {
        throw new IOException(file + ": not a tensor file (header length " + headerLen + ")");
      }
      ByteBuffer head = ByteBuffer.allocate((int) headerLen);
      readFully(ch, head, 8, file);
      JsonNode header = JSON.readTree(new String(head.array(), StandardCharsets.UTF_8));
      long base = 8 + headerLen;
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        JsonNode t = e.getValue();
        DataType type = typeOf(t.path("dtype").asText(), file, e.getKey());
        long[] shape = new long[t.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = t.path("shape").get(i).asLong();
        }
        long start = t.path("data_offsets").get(0).asLong();
        long end = t.path("data_offsets").get(1).asLong();
        long expected = new Shape(shape).size() * type.getNumOfBytes();
        if (end - start != expected || base + end > ch.size()) {
          throw new IOException(file + ": tensor " + e.getKey() + " has inconsistent offsets");
        }
        ByteBuffer data = ByteBuffer.allocateDirect((int) expected).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, data, base + start, file);
        data.flip();
        NDArray a = manager.create(data, new Shape(shape), type);
        out.put(e.getKey(), a);
      }
    }
    return out;
  }

  private static DataType typeOf(String code, Path file, String name) throws IOException {
    for (var e : CODES.entrySet()) {
      if (e.getValue().equals(code)) {
        return e.getKey();
      }
    }
    throw new IOException(file + ": tensor " + name + " has unsupported dtype " + code);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        throw new IOException(file + ": truncated");
      }
      pos += n;
    }
  }
}
