package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.model.io.ModelJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file (8-byte little-endian length, JSON), read and checked before any tensor is
 * touched: every entry has a dtype, a shape whose byte size fits a long and matches its offsets, lies inside the
 * file, and no two tensors share bytes. Every error names the file and the tensor.
 *
 * @param tensors header entries in header order
 * @param dataStart file offset of the data section (the offsets are relative to it)
 */
public record SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

  /** A header longer than this is not a plausible safetensors file. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  public static SafetensorsHeader read(FileChannel channel, Path path) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw new IllegalArgumentException(path + ": not a safetensors file (" + fileSize + " bytes)");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long headerLength = lengthBytes.flip().getLong();
    if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
      throw new IllegalArgumentException(path + ": bad safetensors header length " + headerLength);
    }
    ByteBuffer header = ByteBuffer.allocate((int) headerLength);
    readFully(channel, header, 8);
    SafetensorsHeader parsed = parse(header.array(), path, 8 + headerLength);
    for (TensorInfo t : parsed.tensors.values()) {
      if (parsed.dataStart + t.end() > fileSize) {
        throw new IllegalArgumentException(path + ": tensor '" + t.name() + "' ends past the end of the file");
      }
    }
    checkDisjoint(parsed.tensors.values(), path);
    return parsed;
  }

  private static SafetensorsHeader parse(byte[] bytes, Path path, long dataStart) throws IOException {
    JsonNode root = ModelJson.MAPPER.readTree(bytes);
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
        JsonNode shapeNode = entry.path("shape");
        JsonNode offsets = entry.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2 || !entry.path("dtype").isTextual()) {
          throw new IllegalArgumentException("needs a dtype string, a shape list and two data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = integer(shapeNode.get(i), "shape");
        }
        tensors.put(e.getKey(), new TensorInfo(e.getKey(), TensorDType.fromCode(entry.get("dtype").asText()), shape,
            integer(offsets.get(0), "data_offsets"), integer(offsets.get(1), "data_offsets")));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(path + ": tensor '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return new SafetensorsHeader(tensors, metadata, dataStart);
  }

  /** A whole number that fits a long: not a string, a fraction or a number past 2^63 (asLong would bend those). */
  private static long integer(JsonNode n, String field) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException(field + " holds " + n + ", not an integer");
    }
    return n.asLong();
  }

  /** Tensors with bytes must not share any (empty tensors occupy nothing). */
  private static void checkDisjoint(Iterable<TensorInfo> tensors, Path path) {
    List<TensorInfo> ordered = new ArrayList<>();
    tensors.forEach(t -> {
      if (t.byteSize() > 0) {
        ordered.add(t);
      }
    });
    ordered.sort(Comparator.comparingLong(TensorInfo::begin));
    for (int i = 1; i < ordered.size(); i++) {
      TensorInfo a = ordered.get(i - 1);
      TensorInfo b = ordered.get(i);
      if (b.begin() < a.end()) {
        throw new IllegalArgumentException(path + ": tensors '" + a.name() + "' [" + a.begin() + ", " + a.end()
            + ") and '" + b.name() + "' [" + b.begin() + ", " + b.end() + ") overlap");
      }
    }
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
}
