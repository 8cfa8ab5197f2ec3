package dev.videop2r.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import dev.videop2r.model.io.SafetensorsHeader;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.io.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Named tensors in the safetensors layout (8-byte little-endian header length, JSON header, raw little-endian
 * data), written and read through a file channel one slice at a time: a tensor larger than a Java buffer can hold
 * (2 GiB, e.g. a 7B model's float32 embedding) moves in row blocks along its first axis. Used for the trainer's
 * checkpoint state (weights and optimizer moments).
 */
public final class TensorFile {
  /** Largest block moved through one buffer. */
  static final long BLOCK_BYTES = 1L << 30;
  private static final ObjectMapper JSON = Json.MAPPER;
  // No BF16: DJL 0.35's PyTorch JNI aborts the JVM on bfloat16 arrays, so such a file is refused by name.
  private static final Map<DataType, String> CODES =
      Map.of(DataType.FLOAT32, "F32", DataType.FLOAT16, "F16", DataType.INT64, "I64", DataType.INT32, "I32",
          DataType.FLOAT64, "F64");

  private TensorFile() {}

  /** Writes and syncs the file; returns the CRC32C of its bytes (for a checkpoint's integrity check). */
  public static long write(Path file, Map<String, NDArray> tensors) throws IOException {
    return write(file, tensors, BLOCK_BYTES);
  }

  static long write(Path file, Map<String, NDArray> tensors, long blockBytes) throws IOException {
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
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, head, crc);
      for (NDArray a : order) {
        for (long[] rows : blocks(a.getShape(), a.getDataType(), blockBytes)) {
          if (rows[0] == 0 && rows[1] == rowsOf(a.getShape())) {
            writeFully(ch, a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), crc);
          } else {
            try (NDArray slice = a.get(new NDIndex("{}:{}", rows[0], rows[1]))) {
              writeFully(ch, slice.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), crc);
            }
          }
        }
      }
      ch.force(true);
    }
    return crc.getValue();
  }

  public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    return read(file, manager, BLOCK_BYTES);
  }

  static Map<String, NDArray> read(Path file, NDManager manager, long blockBytes) throws IOException {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SafetensorsHeader header = SafetensorsHeader.read(ch, file);
      long base = header.dataStart();
      for (TensorInfo t : header.tensors().values()) {
        DataType type = typeOf(t.dtype(), file, t.name());
        long[] shape = t.shape();
        long start = t.begin();
        Shape full = new Shape(shape);
        List<long[]> blocks = blocks(full, type, blockBytes);
        long rowBytes = full.size() == 0 ? 0 : full.size() / rowsOf(full) * type.getNumOfBytes();
        NDList parts = new NDList();
        for (long[] rows : blocks) {
          long bytes = (rows[1] - rows[0]) * rowBytes;
          ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
          readFully(ch, data, base + start + rows[0] * rowBytes, file);
          data.flip();
          long[] partShape = shape.clone();
          if (partShape.length > 0) {
            partShape[0] = rows[1] - rows[0];
          }
          parts.add(manager.create(data, new Shape(partShape), type));
        }
        if (parts.size() == 1) {
          out.put(t.name(), parts.get(0));
        } else {
          out.put(t.name(), NDArrays.concat(parts, 0));
          parts.close();
        }
      }
    }
    return out;
  }

  /** Number of rows along the first axis (1 for a scalar). */
  private static long rowsOf(Shape shape) {
    return shape.dimension() == 0 ? 1 : shape.get(0);
  }

  /** Row ranges [from, to) along the first axis, each at most {@code blockBytes} (at least one row). */
  private static List<long[]> blocks(Shape shape, DataType type, long blockBytes) {
    long rows = rowsOf(shape);
    long rowBytes = rows == 0 ? 0 : shape.size() / rows * type.getNumOfBytes();
    long perBlock = rowBytes == 0 ? Math.max(1, rows) : Math.max(1, blockBytes / rowBytes);
    if (rowBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a single row of " + rowBytes + " bytes is too large to store");
    }
    List<long[]> out = new ArrayList<>();
    for (long from = 0; from < rows || out.isEmpty(); from += perBlock) {
      out.add(new long[] {from, Math.min(rows, from + perBlock)});
    }
    return out;
  }

  private static DataType typeOf(TensorDType dtype, Path file, String name) throws IOException {
    if (!CODES.containsKey(dtype.djl())) {
      throw new IOException(file + ": tensor " + name + " has unsupported dtype " + dtype.code());
    }
    return dtype.djl();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, CRC32C crc) throws IOException {
    crc.update(b.duplicate());
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
