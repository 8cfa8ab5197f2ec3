package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videop2r.data.DataType;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.Mp4Writer;
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.video.RgbFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real MP4 through the video module into model inputs, under both second_per_grid_t conventions. */
class MediaInputsTest {
  private static Sample sample(String path) {
    return new Sample(1, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>", path,
        "s", List.of(), null, null);
  }

  @Test
  void aOneFpsClipGivesTwoSecondsPerTemporalPatchOrVideoR1sFixedOne(@TempDir Path dir) throws Exception {
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      byte[] rgb = new byte[56 * 56 * 3];
      java.util.Arrays.fill(rgb, (byte) (30 * f));
      frames.add(new RgbFrame(56, 56, rgb));
    }
    new Mp4Writer().write(dir.resolve("clip.mp4"), frames, 1.0); // 8 s at 1 fps: all 8 frames are sampled
    FrameRequest request = new FrameRequest(16, 2.0, 3136, 3136);
    MediaInputs real = new MediaInputs(new FfmpegFrameSource(), new MediaRoot(dir), request);
    MediaInputs.Encoded e = real.encode(sample("./clip.mp4"));
    assertArrayEquals(new long[][] {{4, 4, 4}}, e.visual().gridThw());
    assertArrayEquals(new float[] {2.0f}, e.visual().secondPerGridTs());
    assertEquals(4 * 2 * 2, e.placeholder().tokenCount(2));
    MediaInputs videoR1 = new MediaInputs(new FfmpegFrameSource(), new MediaRoot(dir), request,
        QwenPreprocessor.TimeScale.DEFAULT_FPS);
    assertArrayEquals(new float[] {1.0f}, videoR1.encode(sample("clip.mp4")).visual().secondPerGridTs());
    var missing = assertThrows(java.io.IOException.class, () -> real.encode(sample("nope.mp4")));
    assertEquals(true, missing.getMessage().contains("nope.mp4"), missing.getMessage());
  }

  @Test
  void shuffledFramesKeepTheGridAndPermuteTheFrames(@TempDir Path dir) throws Exception {
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      byte[] rgb = new byte[56 * 56 * 3];
      java.util.Arrays.fill(rgb, (byte) (30 * f));
      frames.add(new RgbFrame(56, 56, rgb));
    }
    new Mp4Writer().write(dir.resolve("clip.mp4"), frames, 1.0);
    MediaInputs media = new MediaInputs(new FfmpegFrameSource(), new MediaRoot(dir),
        new FrameRequest(16, 2.0, 3136, 3136));
    MediaInputs.Encoded ordered = media.encode(sample("clip.mp4"));
    MediaInputs.Encoded shuffled = media.encodeShuffled(sample("clip.mp4"), 42);
    assertArrayEquals(ordered.visual().gridThw(), shuffled.visual().gridThw());
    assertArrayEquals(ordered.visual().secondPerGridTs(), shuffled.visual().secondPerGridTs());
    int[] order = shuffled.frameIndices();
    assertArrayEquals(ordered.frameIndices(), java.util.Arrays.stream(order).sorted().toArray(),
        "the same frames");
    assertEquals(false, java.util.Arrays.equals(ordered.frameIndices(), order), "in another order");
    assertArrayEquals(order, media.encodeShuffled(sample("clip.mp4"), 42).frameIndices(), "seeded");
    assertEquals(false, java.util.Arrays.equals(ordered.visual().pixelValues(), shuffled.visual().pixelValues()));
    // The shuffled pixels are the ordered encoding of the frames in that order.
    List<RgbFrame> decoded = new dev.videop2r.video.FfmpegFrameSource().sample(dir.resolve("clip.mp4"),
        new FrameRequest(16, 2.0, 3136, 3136)).images().stream().map(RgbFrame::of).toList();
    List<RgbFrame> reordered = java.util.Arrays.stream(order).mapToObj(decoded::get).toList();
    assertArrayEquals(MediaInputs.encode(reordered, false, 2.0, order).visual().pixelValues(),
        shuffled.visual().pixelValues());
  }
}
