package dev.videop2r.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal safetensors reader for the golden files (I64 and F32 tensors). */
final class Safetensors {
  private final JsonNode header;
  private final ByteBuffer data;

  private Safetensors(JsonNode header, ByteBuffer data) {
    this.header = header;
    this.data = data;
  }

  static Safetensors read(Path file) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = Math.toIntExact(all.getLong(0));
    String json = new String(all.array(), 8, headerLength, StandardCharsets.UTF_8);
    ByteBuffer data = all.slice(8 + headerLength, all.capacity() - 8 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
    return new Safetensors(new ObjectMapper().readTree(json), data);
  }

  int[] shape(String name) {
    JsonNode s = entry(name).get("shape");
    int[] out = new int[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i).asInt();
    }
    return out;
  }

  long[] int64(String name) {
    JsonNode e = entry(name);
    check(e, "I64", name);
    int begin = e.get("data_offsets").get(0).asInt();
    long[] out = new long[(e.get("data_offsets").get(1).asInt() - begin) / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.getLong(begin + 8 * i);
    }
    return out;
  }

  float[] float32(String name) {
    JsonNode e = entry(name);
    check(e, "F32", name);
    int begin = e.get("data_offsets").get(0).asInt();
    float[] out = new float[(e.get("data_offsets").get(1).asInt() - begin) / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.getFloat(begin + 4 * i);
    }
    return out;
  }

  private JsonNode entry(String name) {
    JsonNode e = header.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return e;
  }

  private static void check(JsonNode e, String dtype, String name) {
    if (!e.get("dtype").asText().equals(dtype)) {
      throw new IllegalArgumentException(name + " is " + e.get("dtype") + ", expected " + dtype);
    }
  }
}
