package dev.videop2r.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.JsonMutations;
import dev.videop2r.testkit.fuzz.Sandbox;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed safetensors files and shard indexes end in an error naming the file (docs/core.md, "Fuzzing"): byte
 * damage anywhere in the file, a header of the wrong types or extreme shapes and offsets behind a correct length
 * prefix, and an absurd length prefix.
 */
class SafetensorsFuzzTest {

  @TempDir Path dir;

  /** A small valid file: every dtype family, an empty tensor, metadata. */
  private byte[] validFile(Path scratch) throws Exception {
    ByteBuffer bf16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3f80)
        .putShort((short) 0x4000).putShort((short) 0xbf80).putShort((short) 0).flip();
    ByteBuffer bytes = ByteBuffer.wrap(new byte[] {1, 0, 1});
    SafetensorsWriter.write(scratch, List.of(
        SafetensorsWriter.Entry.ofFloats("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
        new SafetensorsWriter.Entry("b", TensorDType.BF16, new long[] {4}, bf16),
        SafetensorsWriter.Entry.ofLongs("ids", new long[] {2}, new long[] {7, -7}),
        new SafetensorsWriter.Entry("mask", TensorDType.BOOL, new long[] {3}, bytes),
        SafetensorsWriter.Entry.ofFloats("empty", new long[] {0, 5}, new float[0])), Map.of("format", "pt"));
    return Files.readAllBytes(scratch);
  }

  /** A valid file cut into its header JSON and its data section. */
  private record Parts(byte[] file, String header, byte[] data) {
    static Parts of(byte[] file) {
      int headerLength = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      return new Parts(file, new String(file, 8, headerLength, StandardCharsets.UTF_8).strip(),
          Arrays.copyOfRange(file, 8 + headerLength, file.length));
    }
  }

  /** Opens the file and reads every tensor's values. */
  private static void readAll(Path file) {
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      for (TensorInfo t : f.tensors().values()) {
        switch (t.dtype()) {
          case F32, F16, BF16, F64 -> f.floats(t.name());
          default -> f.longs(t.name());
        }
      }
    }
  }

  @Test
  void malformedFilesAndHeadersEndInAnErrorNamingTheFile() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    Parts parts = Parts.of(validFile(sandbox.out().resolve("valid.safetensors")));
    byte[] valid = parts.file();
    JsonNode header = JsonMutations.parse(parts.header());
    Path file = sandbox.in().resolve("fuzz.safetensors");
    new FuzzRun("safetensors", 0x5AFE_7E45L, sandbox, file.getFileName().toString()).run(400, random -> {
      switch (random.nextInt(5)) {
        case 0, 1 -> {
          return ByteMutations.damage(valid, random);
        }
        case 2 -> {
          long prefix = extremeLength(random, valid.length);
          byte[] out = valid.clone();
          ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, prefix);
          return new ByteMutations.Damaged("length prefix " + prefix, out);
        }
        default -> {
          ByteMutations.Damaged json = JsonMutations.damage(header, random);
          return new ByteMutations.Damaged(json.mutation(), withHeader(json.bytes(), parts.data()));
        }
      }
    }, input -> {
      Files.write(file, input.bytes());
      readAll(file);
    });
  }

  /** Inputs that broke the contract once (docs/core.md, "Fuzzing": findings), replayed on every run. */
  @Test
  void headersThatOnceEscapedOrWereBentAreRefusedByName() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    Parts parts = Parts.of(validFile(sandbox.out().resolve("valid.safetensors")));
    String header = parts.header();
    byte[] data = parts.data();
    Path file = sandbox.in().resolve("regression.safetensors");
    List<ByteMutations.Damaged> inputs = List.of(
        edited(header, data, "\"shape\":[4]", "\"shape\":{\"unexpected\":true}"),
        edited(header, data, "\"data_offsets\":[24,32]", "\"data_offsets\":{\"a\":24,\"b\":32}"),
        edited(header, data, "\"shape\":[4]", "\"shape\":[\"4\"]"),
        edited(header, data, "\"data_offsets\":[24,32]", "\"data_offsets\":[24.5,32]"),
        edited(header, data, "\"shape\":[4]", "\"shape\":[18446744073709551620]"));
    new FuzzRun("safetensors regressions", 0, sandbox, file.getFileName().toString()).run(inputs.size(),
        FuzzRun.inOrder(inputs), input -> {
          Files.write(file, input.bytes());
          readAll(file);
          throw new AssertionError("accepted " + new String(input.bytes(), StandardCharsets.UTF_8));
        });
  }

  private static ByteMutations.Damaged edited(String header, byte[] data, String from, String to) {
    if (!header.contains(from)) {
      throw new IllegalStateException("fixture header lacks " + from + ": " + header);
    }
    return new ByteMutations.Damaged(from + " -> " + to,
        withHeader(header.replace(from, to).getBytes(StandardCharsets.UTF_8), data));
  }

  @Test
  void malformedShardIndexesEndInAnErrorNamingTheIndex() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    byte[] shard = validFile(sandbox.in().resolve("model-00001-of-00001.safetensors"));
    Files.write(sandbox.in().resolve("model-00001-of-00001.safetensors"), shard);
    JsonNode index = JsonMutations.parse("""
        {"metadata": {"total_size": 59}, "weight_map": {"w": "model-00001-of-00001.safetensors",
         "b": "model-00001-of-00001.safetensors", "ids": "model-00001-of-00001.safetensors",
         "mask": "model-00001-of-00001.safetensors", "empty": "model-00001-of-00001.safetensors"}}
        """);
    byte[] valid = index.toString().getBytes(StandardCharsets.UTF_8);
    Path file = sandbox.in().resolve(Checkpoint.INDEX_FILE);
    String shardName = "\"model-00001-of-00001.safetensors\"";
    List<ByteMutations.Damaged> regressions = List.of( // shard names no path can hold once escaped unnamed
        new ByteMutations.Damaged("NUL in a shard name", index.toString().replaceFirst(shardName,
            "\"model\\\\u0000.safetensors\"").getBytes(StandardCharsets.UTF_8)),
        new ByteMutations.Damaged("lone surrogate in a shard name", index.toString().replaceFirst(shardName,
            "\"model\\\\ud800.safetensors\"").getBytes(StandardCharsets.UTF_8)));
    new FuzzRun("safetensors index", 0x1DE7L, sandbox, Checkpoint.INDEX_FILE).run(100, FuzzRun.replayThen(regressions,
        random -> random.nextBoolean() ? ByteMutations.damage(valid, random) : JsonMutations.damage(index, random)),
        input -> {
          Files.write(file, input.bytes());
          try (Checkpoint c = Checkpoint.open(sandbox.in())) {
            c.names().forEach(n -> c.read(n, 0, ByteBuffer.allocate(Math.toIntExact(c.info(n).byteSize()))));
          }
        });
  }

  /** The header JSON padded to 8 bytes behind its true length, then the data section. */
  private static byte[] withHeader(byte[] json, byte[] data) {
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    while (out.position() < 8 + padded) {
      out.put((byte) ' ');
    }
    return out.put(data).array();
  }

  private static long extremeLength(Random random, int fileSize) {
    long[] choices = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, fileSize, fileSize - 8, fileSize - 7, 1, 7,
        Integer.MAX_VALUE, 1L << 32, 99_999_999, 100_000_001};
    return random.nextInt(3) == 0 ? random.nextLong() : choices[random.nextInt(choices.length)];
  }
}
