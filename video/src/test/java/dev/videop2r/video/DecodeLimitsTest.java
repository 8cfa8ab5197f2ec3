package dev.videop2r.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding is bounded: picture size, array sizes, and the threads that stalled decodes hold. */
class DecodeLimitsTest {

  @TempDir Path dir;
  private final FfmpegReader reader = new FfmpegReader(Duration.ofSeconds(20));

  /** A PNG whose header declares {@code width} x {@code height} RGB, with a token of image data. */
  private Path png(String name, int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
    chunk(out, "IEND", new byte[0]);
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] tag = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(tag);
    crc.update(data);
    out.writeInt(data.length);
    out.write(tag);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }

  /** A lossless WebP header declaring {@code width} x {@code height} (VP8L), with no image data after it. */
  private Path webp(String name, int width, int height) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
        .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x2f)
        .putInt((width - 1) | (height - 1) << 14);
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  @Test
  void picturesDeclaringMoreThanTheCapAreRefusedFromTheirHeaderBeforeDecoding() throws Exception {
    for (Path file : new Path[] {png("huge.png", 10_000, 10_000), webp("huge.webp", 16_000, 16_000)}) {
      MediaException e = assertThrows(MediaException.class, () -> reader.probe(file));
      assertEquals(MediaException.Reason.TOO_LARGE, e.reason(), e.getMessage());
      assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("the limit is 67,108,864"),
          e.getMessage());
    }
    assertEquals(MediaException.Reason.TOO_LARGE,
        assertThrows(MediaException.class, () -> reader.read(png("huge2.png", 10_000, 10_000), new int[] {0})).reason());
  }

  @Test
  void theHeaderProbeReadsTheSizesItIsGiven() throws Exception {
    assertEquals(new PictureSize(10_000, 7), PictureSize.ofImageHeader(png("a.png", 10_000, 7)).orElseThrow());
    assertEquals(new PictureSize(16_000, 3), PictureSize.ofImageHeader(webp("a.webp", 16_000, 3)).orElseThrow());
    Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
    assertTrue(PictureSize.ofImageHeader(text).isEmpty(), "left to FFmpeg to report");
  }

  @Test
  void aFrameWhoseByteCountOverflowsAnIntIsRefused() {
    // 65536 * 21846 * 3 = 2^32 + 131072: in int arithmetic it equals the 131,072-byte array.
    assertThrows(IllegalArgumentException.class, () -> new RgbFrame(65_536, 21_846, new byte[131_072]));
  }

  @Test
  void stalledDecodesHoldAtMostThePoolsWorkersAndANewDecodeSaysAllAreBusy() throws Exception {
    DecodeWorkers workers = new DecodeWorkers(2);
    StallGuard guard = new StallGuard(Duration.ofMillis(200), workers);
    CountDownLatch stall = new CountDownLatch(1);
    Path file = dir.resolve("stalled.mp4");
    for (int i = 0; i < 2; i++) {
      MediaException e = assertThrows(MediaException.class, () -> guard.run(file, () -> {
        stall.await();
        return 0;
      }));
      assertTrue(e.getMessage().contains("no result after 200 ms"), e.getMessage());
    }
    for (int i = 0; i < 5; i++) {
      MediaException e = assertThrows(MediaException.class, () -> guard.run(file, () -> 1));
      assertEquals(MediaException.Reason.TIMEOUT, e.reason());
      assertTrue(e.getMessage().contains("all 2 decode workers are busy"), e.getMessage());
    }
    assertEquals(2, workers.threads());
    stall.countDown();
    assertEquals(3, guard.run(file, () -> 3), "the workers are free again once the stalled decodes end");
  }
}
