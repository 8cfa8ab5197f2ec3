package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
  @Test
  void tensorsRoundTripWholeAndInRowBlocksWithTheSameBytesOnDisk(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> t = new LinkedHashMap<>();
      t.put("matrix", m.arange(0f, 35f).reshape(7, 5));
      t.put("half", m.arange(0f, 6f).reshape(3, 2).toType(DataType.FLOAT16, false));
      t.put("ids", m.create(new long[] {3, -1, 7}));
      t.put("scalar", m.create(2.5f));
      Path whole = dir.resolve("whole.safetensors");
      Path blocked = dir.resolve("blocked.safetensors");
      TensorFile.write(whole, t);
      TensorFile.write(blocked, t, 40); // two rows of the 7x5 float matrix per block
      assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(blocked));
      Map<String, NDArray> back = TensorFile.read(blocked, m, 40);
      assertEquals(t.keySet(), back.keySet());
      for (String k : t.keySet()) {
        assertEquals(t.get(k).getShape(), back.get(k).getShape(), k);
        assertEquals(t.get(k).getDataType(), back.get(k).getDataType(), k);
        assertArrayEquals(t.get(k).toByteArray(), back.get(k).toByteArray(), k);
      }
      assertEquals(new Shape(7, 5), TensorFile.read(whole, m).get("matrix").getShape());
    }
  }

  @Test
  void overlappingTensorsAreRefusedNamingTheFileAndBoth(@TempDir Path dir) throws Exception {
    byte[] json = ("{\"m\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
        + "\"v\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    Path file = dir.resolve("optimizer.safetensors");
    Files.write(file, b.putLong(json.length).put(json).array());
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorFile.read(file, m));
      assertTrue(e.getMessage().startsWith(file + ": tensors 'm' [0, 16) and 'v' [0, 16) overlap"), e.getMessage());
    }
  }
}
