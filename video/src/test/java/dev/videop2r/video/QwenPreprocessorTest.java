package dev.videop2r.video;

import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.SampledFrames;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QwenPreprocessorTest {

  @TempDir Path dir;
  private final FfmpegReader reader = new FfmpegReader(Duration.ofSeconds(20));
  private final QwenPreprocessor pre = new QwenPreprocessor(reader, VisionConfig.videoR1Training(),
      QwenPreprocessor.TimeScale.SAMPLE_FPS);

  /** The golden images saved as PNG, decoded by FFmpeg, must give the reference pixel_values bit for bit. */
  @Test
  void goldenImagesThroughPngFilesMatchExactly() throws Exception {
    Path golden = TestData.golden("preprocess");
    Safetensors st = Safetensors.read(golden.resolve("image_golden.safetensors"));
    JsonNode items = new ObjectMapper().readTree(golden.resolve("constants.json").toFile()).get("image_golden_items");
    int checked = 0;
    for (JsonNode item : items) {
      String name = item.get("name").asText();
      Path png = dir.resolve(name + ".png");
      ImageIO.write(toImage(st.int64(name + ".input_u8"), st.shape(name + ".input_u8")), "png", png.toFile());
      PreprocessedVisual v = pre.image(png, QwenVisionParityTest.request(item.get("ele")));
      assertArrayEquals(st.int64(name + ".image_grid_thw"), v.gridThw()[0], name);
      assertArrayEquals(st.float32(name + ".pixel_values"), v.pixelValues(), name);
      assertEquals(0, v.secondPerGridTs().length);
      checked++;
    }
    assertEquals(6, checked);
  }

  @Test
  void synthSizedClipKeepsEveryFrameAndUpscalesToTheBudget() throws Exception {
    Path clip = dir.resolve("synth.mp4");
    List<RgbFrame> frames = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      frames.add(TestFrames.gradient(112, 112, i));
    }
    new Mp4Writer().write(clip, frames, 2.0);
    QwenPreprocessor.Sampled s = pre.sampleVideo(clip, SampleRequest.defaults());
    assertArrayEquals(IntStream.range(0, 16).toArray(), s.plan().indices());
    assertEquals(336, s.plan().resizedHeight());
    assertEquals(336, s.plan().resizedWidth());
    PreprocessedVisual v = pre.video(clip, SampleRequest.defaults());
    assertArrayEquals(new long[] {8, 24, 24}, v.gridThw()[0]);
    assertArrayEquals(new long[] {8 * 24 * 24, 1176}, v.pixelShape());
    assertEquals(8 * 24 * 24 * 1176, v.pixelValues().length);
    assertArrayEquals(new float[] {1.0f}, v.secondPerGridTs());
    assertTrue(v.video());
  }

  @Test
  void extremeAspectRatioIsRejectedWithTheFileName() throws Exception {
    Path png = dir.resolve("strip.png");
    ImageIO.write(new BufferedImage(402, 2, BufferedImage.TYPE_3BYTE_BGR), "png", png.toFile());
    MediaException e = assertThrows(MediaException.class, () -> pre.image(png, SampleRequest.defaults()));
    assertEquals(MediaException.Reason.ASPECT_RATIO, e.reason());
    assertTrue(e.getMessage().contains("strip.png") && e.getMessage().contains("got 201.0"), e.getMessage());
  }

  @Test
  void thinVideoThatWouldGetAZeroSideIsRejected() throws Exception {
    Path clip = dir.resolve("thin.mp4");
    List<RgbFrame> frames = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      frames.add(TestFrames.gradient(20, 4000, i));
    }
    new Mp4Writer().write(clip, frames, 2.0);
    MediaException e = assertThrows(MediaException.class, () -> pre.video(clip, SampleRequest.defaults()));
    assertEquals(MediaException.Reason.BAD_REQUEST, e.reason());
    assertTrue(e.getMessage().contains("thin.mp4") && e.getMessage().contains("resizes it to"), e.getMessage());
  }

  @Test
  void singleFrameVideoCannotGiveTwoFrames() throws Exception {
    Path clip = dir.resolve("one.mp4");
    new Mp4Writer().write(clip, List.of(TestFrames.gradient(64, 64, 0)), 2.0);
    MediaException e = assertThrows(MediaException.class, () -> pre.video(clip, SampleRequest.defaults()));
    assertEquals(MediaException.Reason.BAD_REQUEST, e.reason());
    assertTrue(e.getMessage().contains("nframes should in interval [2, 1]"), e.getMessage());
  }

  @Test
  void frameSourceSamplesUnderTheRequestBudget() throws Exception {
    Path clip = dir.resolve("clip.mp4");
    Fixtures.levels(clip, "mp4", "libopenh264", 90, 30.0, 10, 64, 48);
    SampledFrames s = new FfmpegFrameSource(reader).sample(clip, FrameRequest.training());
    // 3 s at 2 fps = 6 frames: indices from the float32 linspace over 90 frames.
    assertArrayEquals(QwenVision.frameIndices(90, 6), s.indices());
    assertEquals(6, s.images().size());
    assertEquals(30.0, s.sourceFps(), 1e-9);
    assertEquals(2.0, s.sampleFps(), 1e-9);
    int pixels = s.images().getFirst().getWidth() * s.images().getFirst().getHeight();
    assertTrue(pixels >= 100_352 && s.images().getFirst().getWidth() % 28 == 0, "size " + pixels);
    for (int i = 0; i < 6; i++) {
      assertEquals(s.indices()[i] % Fixtures.PERIOD, Fixtures.indexOf(RgbFrame.of(s.images().get(i))));
    }
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> new FfmpegFrameSource(reader).sample(dir.resolve("gone.mp4"), FrameRequest.training()));
    assertTrue(e.getMessage().contains("gone.mp4"), e.getMessage());
  }

  private static BufferedImage toImage(long[] values, int[] shape) {
    int h = shape[0];
    int w = shape[1];
    int c = shape[2];
    int type = switch (c) {
      case 1 -> BufferedImage.TYPE_BYTE_GRAY;
      case 3 -> BufferedImage.TYPE_3BYTE_BGR;
      default -> BufferedImage.TYPE_4BYTE_ABGR;
    };
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * c;
        if (c == 1) {
          img.getRaster().setSample(x, y, 0, (int) values[p]);
        } else {
          for (int ch = 0; ch < c; ch++) {
            img.getRaster().setSample(x, y, ch, (int) values[p + ch]);
          }
        }
      }
    }
    return img;
  }
}
