package dev.videop2r.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RoundTripTest {

  @TempDir Path dir;

  @Test
  void writtenClipDecodesWithSameSizeAndFrameCount() throws Exception {
    List<RgbFrame> frames = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      frames.add(TestFrames.gradient(112, 112, i));
    }
    Path clip = dir.resolve("clip.mp4");
    new Mp4Writer().write(clip, frames, 8.0);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      assertEquals(112, grabber.getImageWidth());
      assertEquals(112, grabber.getImageHeight());
      assertEquals(8.0, grabber.getFrameRate(), 1e-6);
      int count = 0;
      Frame f;
      while ((f = grabber.grabImage()) != null) {
        count++;
      }
      assertEquals(16, count);
    }
    assertTrue(clip.toFile().length() > 0);
  }
}
