package dev.videop2r.video;

import dev.videop2r.testkit.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of the preprocess golden file (made with the real qwen-vl-utils code) must match exactly. */
class QwenVisionParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final QwenVision vision = new QwenVision(VisionConfig.videoR1Training());

  static List<JsonNode> cases() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    for (String line : Files.readAllLines(TestData.golden("preprocess").resolve("cases.jsonl"))) {
      if (!line.isBlank()) {
        cases.add(JSON.readTree(line));
      }
    }
    return cases;
  }

  @Test
  void goldenFileHasAllThreeFunctions() throws IOException {
    List<JsonNode> cases = cases();
    assertEquals(157, cases.size());
    assertEquals(66, cases.stream().filter(c -> c.get("fn").asText().equals("smart_resize")).count());
    assertEquals(61, cases.stream().filter(c -> c.get("fn").asText().equals("smart_nframes")).count());
    assertEquals(30, cases.stream().filter(c -> c.get("fn").asText().equals("fetch_video")).count());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseMatches() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(
        "case " + c.get("id").asInt() + " " + c.get("fn").asText() + " " + c.path("tag").asText(""),
        () -> check(c)));
  }

  private void check(JsonNode c) {
    JsonNode args = c.get("args");
    Runnable call = switch (c.get("fn").asText()) {
      case "smart_resize" -> () -> checkResize(c, args);
      case "smart_nframes" -> () -> checkNframes(c, args);
      case "fetch_video" -> () -> checkFetchVideo(c, args);
      default -> throw new IllegalStateException("unknown fn " + c.get("fn"));
    };
    if (c.has("error")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
      assertEquals(c.get("error").get("message").asText(), e.getMessage());
    } else {
      call.run();
    }
  }

  private void checkResize(JsonNode c, JsonNode a) {
    int[] got = vision.smartResize(a.get("height").asDouble(), a.get("width").asDouble(), a.get("factor").asInt(),
        a.get("min_pixels").asDouble(), a.get("max_pixels").asDouble());
    assertArrayEquals(new int[] {c.get("result").get(0).asInt(), c.get("result").get(1).asInt()}, got);
  }

  private void checkNframes(JsonNode c, JsonNode a) {
    int total = a.get("total_frames").asInt();
    double fps = a.get("video_fps").asDouble();
    int n = vision.smartNframes(request(a.get("ele")), total, fps);
    assertEquals(c.get("result").asInt(), n);
    assertArrayEquals(ints(c.get("indices")), QwenVision.frameIndices(total, n));
    VideoPlan plan = vision.planVideo(request(a.get("ele")), total, fps, 224, 224);
    assertEquals(c.get("sample_fps").asDouble(), plan.sampleFps());
  }

  private void checkFetchVideo(JsonNode c, JsonNode a) {
    VideoPlan plan = vision.planVideo(request(a.get("ele")), a.get("total_frames").asInt(),
        a.get("video_fps").asDouble(), a.get("height").asInt(), a.get("width").asInt());
    JsonNode r = c.get("result");
    assertEquals(r.get("nframes").asInt(), plan.nframes());
    assertArrayEquals(ints(r.get("indices")), plan.indices());
    assertEquals(r.get("sample_fps").asDouble(), plan.sampleFps());
    assertEquals(r.get("resized_height").asInt(), plan.resizedHeight());
    assertEquals(r.get("resized_width").asInt(), plan.resizedWidth());
    assertEquals(r.get("effective_max_pixels").asDouble(), plan.effectiveMaxPixels());
    long[] grid = QwenPatchifier.videoGrid(plan.nframes(), plan.resizedHeight(), plan.resizedWidth());
    assertArrayEquals(longs(r.get("grid_thw")), grid);
    assertEquals(r.get("video_tokens").asLong(), grid[0] * grid[1] * grid[2] / 4);
  }

  static SampleRequest request(JsonNode ele) {
    return new SampleRequest(dbl(ele, "fps"), integer(ele, "nframes"), integer(ele, "min_frames"),
        integer(ele, "max_frames"), dbl(ele, "min_pixels"), dbl(ele, "max_pixels"), dbl(ele, "total_pixels"),
        integer(ele, "resized_height"), integer(ele, "resized_width"));
  }

  private static Double dbl(JsonNode n, String key) {
    return n.has(key) ? n.get(key).asDouble() : null;
  }

  private static Integer integer(JsonNode n, String key) {
    return n.has(key) ? n.get(key).asInt() : null;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
