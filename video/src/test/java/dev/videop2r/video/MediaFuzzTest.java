package dev.videop2r.video;

import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.DeclaredSize;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged videos and pictures (cut short, garbage-filled, bits flipped, headers declaring zero, negative or huge
 * sizes, content under the wrong extension) end in a {@link MediaException} naming the file, or decode to frames
 * of the declared size (docs/core.md, "Fuzzing").
 */
class MediaFuzzTest {

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

  /** The picture's header rewritten to declare other sizes; an MP4 gets byte damage instead. */
  private static ByteMutations.Damaged declaredSize(Valid base, Random random) {
    if (base.extension().equals("mp4")) {
      return ByteMutations.damage(base.bytes(), random);
    }
    long width = DeclaredSize.SIDES[random.nextInt(DeclaredSize.SIDES.length)];
    long height = DeclaredSize.SIDES[random.nextInt(DeclaredSize.SIDES.length)];
    return new ByteMutations.Damaged("declares " + width + "x" + height,
        DeclaredSize.declare(base.extension(), base.bytes(), width, height));
  }
}
