package dev.videop2r.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegReaderTest {

  @TempDir Path dir;
  private final FfmpegReader reader = new FfmpegReader(Duration.ofSeconds(20));

  @ParameterizedTest(name = "{0} via {2}")
  @CsvSource({
      "clip.mp4, mp4, libopenh264",
      "clip.mkv, matroska, libopenh264",
      "clip.webm, webm, libvpx",
      "clip.avi, avi, mpeg4",
      "clip.gif, gif, gif"})
  void readsEachContainerWithCountRateAndExactFrames(String name, String format, String codec) throws Exception {
    Path file = dir.resolve(name);
    Fixtures.levels(file, format, codec, 30, 10.0, 8, 64, 48);
    MediaInfo info = reader.probe(file);
    assertEquals(64, info.width());
    assertEquals(48, info.height());
    assertEquals(30, info.frameCount(), "frames of " + info);
    assertEquals(10.0, info.fps(), 0.01);
    assertEquals(3.0, info.durationSeconds(), 0.15);

    int[] wanted = {29, 0, 17, 17, 5, 28, 6};
    List<RgbFrame> frames = reader.read(file, wanted);
    for (int i = 0; i < wanted.length; i++) {
      assertEquals(wanted[i], Fixtures.indexOf(frames.get(i)), name + " frame " + wanted[i] + " mean "
          + Fixtures.mean(frames.get(i)));
    }
  }

  @Test
  void seeksInsteadOfDecodingEverything() throws Exception {
    Path file = dir.resolve("long.mp4");
    Fixtures.levels(file, "mp4", "libopenh264", 300, 30.0, 10, 32, 32);
    int[] wanted = {0, 100, 200, 299, 30};
    FfmpegReader.Decoded d = reader.read(file, info -> wanted);
    assertTrue(d.framesDecoded() < 40, "decoded " + d.framesDecoded() + " frames for 5");
    for (int i = 0; i < wanted.length; i++) {
      assertEquals(wanted[i] % Fixtures.PERIOD, Fixtures.indexOf(d.frames().get(i)), "frame " + wanted[i]);
    }
  }

  /** B-frames reorder decoding against display order; walks and seeks must still land on the right frames. */
  @Test
  void readsBFrameStreamsExactly() throws Exception {
    Path file = dir.resolve("bframes.mp4");
    Fixtures.levels(file, "mp4", "mpeg4", 400, 25.0, 200, 32, 32, "bf", "2", "sc_threshold", "1000000000");
    int[] wanted = {3, 150, 151, 170, 390, 399, 77, 201, 199};
    FfmpegReader.Decoded d = reader.read(file, info -> wanted);
    for (int i = 0; i < wanted.length; i++) {
      assertEquals(wanted[i] % Fixtures.PERIOD, Fixtures.indexOf(d.frames().get(i)), "frame " + wanted[i]);
    }
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nope.mp4");
    MediaException e = assertThrows(MediaException.class, () -> reader.probe(file));
    assertEquals(MediaException.Reason.MISSING, e.reason());
    assertTrue(e.getMessage().contains("nope.mp4") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void corruptFileIsUnreadable() throws Exception {
    Path file = dir.resolve("junk.mp4");
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Files.write(file, junk);
    MediaException e = assertThrows(MediaException.class, () -> reader.probe(file));
    assertEquals(MediaException.Reason.UNREADABLE, e.reason());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void truncatedClipIsUnreadable() throws Exception {
    Path full = dir.resolve("full.mp4");
    Fixtures.levels(full, "mp4", "libopenh264", 20, 10.0, 5, 32, 32);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, java.util.Arrays.copyOf(bytes, 40));
    MediaException e = assertThrows(MediaException.class, () -> reader.read(cut, new int[] {0}));
    assertEquals(MediaException.Reason.UNREADABLE, e.reason(), e.getMessage());
  }

  @Test
  void audioOnlyFileHasNoFrames() throws Exception {
    Path file = dir.resolve("voice.mp4");
    try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 1)) {
      r.setFormat("mp4");
      r.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
      r.setSampleRate(16000);
      r.start();
      r.recordSamples(16000, 1, java.nio.ShortBuffer.wrap(new short[16000]));
      r.stop();
    }
    MediaException e = assertThrows(MediaException.class, () -> reader.probe(file));
    assertEquals(MediaException.Reason.NO_FRAMES, e.reason());
    assertTrue(e.getMessage().contains("voice.mp4") && e.getMessage().contains("no video frames"), e.getMessage());
  }

  @Test
  void directoryIsUnreadable() {
    MediaException e = assertThrows(MediaException.class, () -> reader.probe(dir));
    assertEquals(MediaException.Reason.UNREADABLE, e.reason());
  }

  @Test
  void frameOutsideTheClipIsRejected() throws Exception {
    Path file = dir.resolve("short.mp4");
    Fixtures.levels(file, "mp4", "libopenh264", 10, 10.0, 5, 32, 32);
    MediaException e = assertThrows(MediaException.class, () -> reader.read(file, new int[] {10}));
    assertEquals(MediaException.Reason.BAD_REQUEST, e.reason());
    assertTrue(e.getMessage().contains("frame 10 is outside 0..9"), e.getMessage());
  }

  /** A FIFO nobody writes to blocks FFmpeg's open(); the guard must answer on time anyway. */
  @Test
  void stalledDecodeTimesOut() throws Exception {
    Path fifo = dir.resolve("stall.mp4");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    FfmpegReader impatient = new FfmpegReader(Duration.ofMillis(500));
    long start = System.nanoTime();
    MediaException e = assertThrows(MediaException.class, () -> impatient.probe(fifo));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(MediaException.Reason.TIMEOUT, e.reason());
    assertTrue(e.getMessage().contains("stall.mp4"), e.getMessage());
    assertTrue(millis < 10_000, "took " + millis + " ms");
    // Release the abandoned worker: a writer that opens and closes the pipe gives FFmpeg an end of file.
    try (FileOutputStream unblock = new FileOutputStream(fifo.toFile())) {
      unblock.write(new byte[0]);
    }
  }

  /** Still images of every accepted kind decode to the picture that was written (jpg within lossy error). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"png, 0", "bmp, 0", "webp, 0", "jpg, 12"})
  void readsStillImages(String ext, int tolerance) throws Exception {
    RgbFrame picture = TestFrames.gradient(48, 32, 3);
    Path file = dir.resolve("still." + ext);
    if (ext.equals("webp")) {
      try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 48,
          32, 0)) {
        r.setFormat("webp");
        r.setVideoCodecName("libwebp");
        r.setVideoOption("lossless", "1");
        r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA);
        r.start();
        r.record(new org.bytedeco.javacv.Java2DFrameConverter().convert(picture.toBufferedImage()));
        r.stop();
      }
    } else {
      assertTrue(javax.imageio.ImageIO.write(picture.toBufferedImage(), ext, file.toFile()), ext);
    }
    MediaInfo info = reader.probe(file);
    assertTrue(info.image());
    assertEquals(48, info.width());
    assertEquals(32, info.height());
    RgbFrame got = reader.read(file, new int[] {0}).getFirst();
    int maxDiff = 0;
    for (int i = 0; i < got.rgb().length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((got.rgb()[i] & 0xFF) - (picture.rgb()[i] & 0xFF)));
    }
    assertTrue(maxDiff <= tolerance, ext + " max difference " + maxDiff);
  }

  @Test
  void readsPngAndCompositesAlphaOverWhite() throws Exception {
    Path file = dir.resolve("a.png");
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 2,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x80FF0000); // half-transparent red
    img.setRGB(1, 0, 0xFF00FF00);
    javax.imageio.ImageIO.write(img, "png", file.toFile());
    MediaInfo info = reader.probe(file);
    assertTrue(info.image());
    assertEquals(1, info.frameCount());
    RgbFrame f = reader.read(file, new int[] {0}).getFirst();
    assertArrayEquals(new int[] {255, 127, 127}, new int[] {f.at(0, 0, 0), f.at(0, 0, 1), f.at(0, 0, 2)});
    assertArrayEquals(new int[] {0, 255, 0}, new int[] {f.at(1, 0, 0), f.at(1, 0, 1), f.at(1, 0, 2)});
    assertArrayEquals(new int[] {255, 255, 255}, new int[] {f.at(3, 1, 0), f.at(3, 1, 1), f.at(3, 1, 2)});
  }
}
