package dev.videop2r.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import dev.videop2r.model.ArrayBytes;
import dev.videop2r.model.HostViews;
import dev.videop2r.model.io.SafetensorsHeader;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.io.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Named tensors in the safetensors layout (8-byte little-endian header length, JSON header, raw little-endian
 * data), written from and read into the arrays' own memory through a file channel ({@link ArrayBytes},
 * {@link HostViews}): no copy through Java buffers, and a tensor larger than a buffer can hold (2 GiB, e.g. a 7B
 * model's float32 embedding) moves in row blocks along its first axis. Used for the trainer's checkpoint state
 * (weights and optimizer moments).
 */
public final class TensorFile {
  /** Largest block moved through one view. */
  static final long BLOCK_BYTES = HostViews.BLOCK_BYTES;
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
      WritableByteChannel summed = new WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) throws IOException {
          crc.update(src.duplicate());
          return ch.write(src);
        }

        @Override
        public boolean isOpen() {
          return ch.isOpen();
        }

        @Override
        public void close() {}
      };
      for (NDArray a : order) {
        new ArrayBytes(a, TensorDType.fromDjl(a.getDataType()), blockBytes).writeTo(summed);
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
        // Read into an uninitialised array through views of its own memory.
        try {
          out.put(t.name(), HostViews.filled(manager, new Shape(t.shape()), type, blockBytes,
              (memory, offset) -> readFully(ch, memory, base + t.begin() + offset, file)));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
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
