package dev.videop2r.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.DeclaredSize;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.Sandbox;
import dev.videop2r.video.FfmpegFrameSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged pictures sent to the server as {@code image_url} data URLs or as the frames of a {@code video_url}
 * frame list (cut short, garbage, bits flipped, headers declaring zero, negative or huge sizes, broken base64)
 * end in a 400 naming the request field (docs/core.md, "Fuzzing").
 */
class ServeMediaFuzzTest {

  private static final String PARAM = "messages[0].content[0]";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void damagedDataUrlPicturesEndInA400NamingTheField() throws Exception {
    MediaLoader loader = new MediaLoader(new FfmpegFrameSource(), null, FrameRequest.inference());
    BufferedImage picture = new BufferedImage(32, 24, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 32; x++) {
        picture.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | 77);
      }
    }
    List<String> formats = List.of("png", "jpg", "bmp");
    List<byte[]> valid = List.of(encode(picture, "png"), encode(picture, "jpeg"), encode(picture, "bmp"));
    List<ByteMutations.Damaged> regressions = List.of( // once decoded in full: 300 MB and 1.9 GB for 1.5 KB
        new ByteMutations.Damaged("png declares 10000x10000",
            DeclaredSize.declare("png", valid.get(0), 10_000, 10_000)),
        new ByteMutations.Damaged("png declares 65535x10000",
            DeclaredSize.declare("png", valid.get(0), 65_535, 10_000)),
        // once a 500 "frames differ in size" naming nothing: frame 0 resizes to another size than the other frames
        new ByteMutations.Damaged("frame list, frame 0 of another size", encode(
            new BufferedImage(8, 400, BufferedImage.TYPE_3BYTE_BGR), "png")));
    FuzzRun.Generator damage = random -> {
      int which = random.nextInt(formats.size());
      if (random.nextInt(3) == 0) {
        long width = DeclaredSize.SIDES[random.nextInt(DeclaredSize.SIDES.length)];
        long height = DeclaredSize.SIDES[random.nextInt(DeclaredSize.SIDES.length)];
        return new ByteMutations.Damaged(formats.get(which) + " declares " + width + "x" + height,
            DeclaredSize.declare(formats.get(which), valid.get(which), width, height));
      }
      ByteMutations.Damaged d = ByteMutations.damage(valid.get(which), random);
      return new ByteMutations.Damaged(formats.get(which) + ": " + d.mutation(), d.bytes());
    };
    new FuzzRun("serve data URL pictures", 0x5E4EL, Sandbox.under(dir), PARAM).run(regressions.size() + 200,
        FuzzRun.replayThen(regressions, damage), input -> {
      String payload = Base64.getEncoder().encodeToString(input.bytes());
      boolean frameList = input.mutation().startsWith("frame list")
          || input.index() % 3 == 0 && input.index() >= regressions.size();
      String url = frameList ? "data:video/jpeg;base64," + payload + "," + Base64.getEncoder()
          .encodeToString(valid.get(1)) : "data:image/png;base64," + payload;
      if (input.index() % 7 == 0 && input.index() >= regressions.size()) { // the URL's text too: base64, header
        url = new String(ByteMutations.damage(url.getBytes(StandardCharsets.UTF_8), new Random(input.index()))
            .bytes(), StandardCharsets.UTF_8);
      }
      try {
        loader.load(PARAM, url, frameList, 2.0);
        if (input.index() < regressions.size()) {
          throw new AssertionError("accepted " + input.mutation());
        }
      } catch (ApiException e) {
        String param = e.body(JSON).path("error").path("param").asText();
        if (e.status() != 400 || !param.equals(PARAM)) {
          throw e;
        }
        throw new IllegalArgumentException(param + ": " + e.getMessage(), e);
      }
    });
  }

  private static byte[] encode(BufferedImage picture, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(picture, format, out);
    return out.toByteArray();
  }
}
