package dev.videop2r.video;

import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.Sandbox;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged videos and pictures (cut short, garbage-filled, bits flipped, headers declaring zero, negative or huge
 * sizes, content under the wrong extension) end in a {@link MediaException} naming the file, or decode to frames
 * of the declared size (docs/core.md, "Fuzzing").
 */
class MediaFuzzTest {

  /** Sizes a damaged header may declare; any two multiply to under 0.5 M pixels or over the 64 M cap. */
  private static final long[] SIDES = {0, 1, 7, 10_000, 65_535, Integer.MAX_VALUE, 0x8000_0000L, 0xFFFF_FFFFL};

  @TempDir Path dir;

  /** A valid file of one kind: its extension and bytes. */
  private record Valid(String extension, byte[] bytes) {}

  @Test
  void damagedMediaEndsInAnErrorNamingTheFile() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    List<Valid> valid = fixtures(sandbox.out());
    FfmpegReader reader = new FfmpegReader(Duration.ofSeconds(8));
    Path[] current = new Path[1];
    new FuzzRun("video/image files", 0x71DE0L, sandbox, "fuzz.").run(300, random -> {
      Valid base = valid.get(random.nextInt(valid.size()));
      String extension = random.nextInt(10) == 0 ? valid.get(random.nextInt(valid.size())).extension()
          : base.extension();
      ByteMutations.Damaged damaged = random.nextInt(3) == 0 ? declaredSize(base, random)
          : ByteMutations.damage(base.bytes(), random);
      current[0] = sandbox.in().resolve("fuzz." + extension);
      return new ByteMutations.Damaged(base.extension() + " as ." + extension + ": " + damaged.mutation(),
          damaged.bytes());
    }, input -> {
      try (var files = Files.list(sandbox.in())) {
        for (Path old : files.toList()) {
          Files.delete(old);
        }
      }
      Files.write(current[0], input.bytes());
      FfmpegReader.Decoded decoded = reader.read(current[0],
          info -> new int[] {0, info.frameCount() / 2, info.frameCount() - 1});
      for (RgbFrame frame : decoded.frames()) {
        if (frame.width() != decoded.info().width() || frame.height() != decoded.info().height()) {
          throw new AssertionError("a " + frame.width() + "x" + frame.height() + " frame from a "
              + decoded.info().width() + "x" + decoded.info().height() + " file");
        }
      }
    });
  }

  /** An MP4 clip, PNG, JPEG and BMP pictures, and a WebP header. */
  private static List<Valid> fixtures(Path scratch) throws Exception {
    List<Valid> out = new ArrayList<>();
    List<RgbFrame> frames = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      frames.add(TestFrames.gradient(32, 24, i));
    }
    Path clip = scratch.resolve("clip.mp4");
    new Mp4Writer().write(clip, frames, 8);
    out.add(new Valid("mp4", Files.readAllBytes(clip)));
    for (String format : new String[] {"png", "jpg", "bmp"}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(frames.get(3).toBufferedImage(), format.equals("jpg") ? "jpeg" : format, bytes);
      out.add(new Valid(format, bytes.toByteArray()));
    }
    ByteBuffer webp = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    webp.put("RIFFxxxxWEBPVP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(10).putInt(0);
    webp.put(new byte[] {31, 0, 0, 23, 0, 0});
    out.add(new Valid("webp", webp.array()));
    return out;
  }

  /** The picture's header rewritten to declare other sizes (the checksum kept right where there is one). */
  private static ByteMutations.Damaged declaredSize(Valid base, Random random) {
    long width = SIDES[random.nextInt(SIDES.length)];
    long height = SIDES[random.nextInt(SIDES.length)];
    byte[] out = base.bytes().clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    switch (base.extension()) {
      case "png" -> { // IHDR data at 16, its CRC over type and data at 29
        b.putInt(16, (int) width).putInt(20, (int) height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
      }
      case "jpg" -> { // the first start-of-frame segment: height and width as 16-bit
        for (int i = 2; i + 9 < out.length; i++) {
          if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) >= 0xC0 && (out[i + 1] & 0xFF) <= 0xC2) {
            b.putShort(i + 5, (short) height).putShort(i + 7, (short) width);
            break;
          }
        }
      }
      case "bmp" -> b.order(ByteOrder.LITTLE_ENDIAN).putInt(18, (int) width).putInt(22, (int) height);
      case "webp" -> b.order(ByteOrder.LITTLE_ENDIAN).putInt(24, (int) (width - 1) & 0xFFFFFF)
          .put(27, (byte) (height - 1)).putShort(28, (short) ((height - 1) >> 8));
      default -> {
        return ByteMutations.damage(base.bytes(), random);
      }
    }
    return new ByteMutations.Damaged("declares " + width + "x" + height, out);
  }
}
