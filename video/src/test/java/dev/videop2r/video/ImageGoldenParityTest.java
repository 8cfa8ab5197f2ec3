package dev.videop2r.video;

import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real image path (PIL {@code to_rgb}, smart_resize, PIL bicubic resize, HF rescale/normalise/patchify) on
 * the six golden images.
 */
class ImageGoldenParityTest {

  private static final Path DIR = TestData.golden("preprocess");

  @TestFactory
  Stream<DynamicTest> everyGoldenImageMatches() throws IOException {
    Safetensors golden = Safetensors.read(DIR.resolve("image_golden.safetensors"));
    JsonNode items = new ObjectMapper().readTree(DIR.resolve("constants.json").toFile()).get("image_golden_items");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode item : items) {
      String name = item.get("name").asText();
      tests.add(DynamicTest.dynamicTest(name, () -> check(golden, item, name)));
    }
    assertEquals(6, tests.size());
    return tests.stream();
  }

  private static void check(Safetensors golden, JsonNode item, String name) {
    RgbFrame source = toRgb(golden.int64(name + ".input_u8"), golden.shape(name + ".input_u8"));
    QwenVision vision = new QwenVision(VisionConfig.videoR1Training());
    int[] size = vision.imageSize(source.height(), source.width(), QwenVisionParityTest.request(item.get("ele")));
    int[] expectedSize = golden.shape(name + ".fetched_u8");
    assertEquals(expectedSize[0], size[0], "height");
    assertEquals(expectedSize[1], size[1], "width");

    RgbFrame resized = PilResize.resize(source, size[1], size[0]);
    long[] expected = golden.int64(name + ".fetched_u8");
    int maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((int) expected[i] - (resized.rgb()[i] & 0xFF)));
    }
    assertEquals(0, maxDiff, "max |PIL - PilResize| over " + expected.length + " values");

    PreprocessedVisual visual = QwenPatchifier.image(resized);
    assertArrayEquals(golden.int64(name + ".image_grid_thw"), visual.gridThw()[0]);
    int[] pvShape = golden.shape(name + ".pixel_values");
    assertArrayEquals(new long[] {pvShape[0], pvShape[1]}, visual.pixelShape());
    assertArrayEquals(golden.float32(name + ".pixel_values"), visual.pixelValues());
  }

  /** PIL {@code to_rgb}: RGB as is, RGBA over white, L replicated. */
  static RgbFrame toRgb(long[] values, int[] shape) {
    int h = shape[0];
    int w = shape[1];
    int c = shape[2];
    byte[] rgb = new byte[h * w * 3];
    for (int p = 0; p < h * w; p++) {
      for (int ch = 0; ch < 3; ch++) {
        int v = switch (c) {
          case 1 -> (int) values[p];
          case 3 -> (int) values[p * 3 + ch];
          case 4 -> RgbFrame.overWhite((int) values[p * 4 + ch], (int) values[p * 4 + 3]);
          default -> throw new IllegalArgumentException("channels " + c);
        };
        rgb[p * 3 + ch] = (byte) v;
      }
    }
    return new RgbFrame(w, h, rgb);
  }
}
