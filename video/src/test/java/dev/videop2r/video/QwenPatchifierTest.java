package dev.videop2r.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QwenPatchifierTest {

  private static float norm(int value, int channel) {
    float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
    float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
    return ((float) (value * (1.0 / 255.0)) - mean[channel]) / std[channel];
  }

  @Test
  void framesRecoverEveryByteOfWhatWasPatchified() {
    java.util.Random random = new java.util.Random(3);
    List<RgbFrame> frames = new java.util.ArrayList<>();
    for (int f = 0; f < 3; f++) {
      byte[] rgb = new byte[56 * 84 * 3];
      random.nextBytes(rgb); // every byte value in every channel
      frames.add(new RgbFrame(84, 56, rgb));
    }
    PreprocessedVisual video = QwenPatchifier.video(frames, 0.5);
    List<RgbFrame> back = QwenPatchifier.frames(video.pixelValues(), 0, video.gridThw()[0]);
    assertEquals(4, back.size(), "the odd count's padding frame comes back too");
    for (int f = 0; f < 4; f++) {
      assertEquals(84, back.get(f).width());
      assertArrayEquals(frames.get(Math.min(f, 2)).rgb(), back.get(f).rgb(), "frame " + f);
    }
    PreprocessedVisual image = QwenPatchifier.image(frames.get(1));
    float[] two = new float[video.pixelValues().length + image.pixelValues().length];
    System.arraycopy(video.pixelValues(), 0, two, 0, video.pixelValues().length);
    System.arraycopy(image.pixelValues(), 0, two, video.pixelValues().length, image.pixelValues().length);
    List<RgbFrame> imageBack = QwenPatchifier.frames(two, video.pixelValues().length, image.gridThw()[0]);
    assertArrayEquals(frames.get(1).rgb(), imageBack.get(0).rgb());
  }

  /** Checks every value against the spec's index formula (row = merge-block order, column = c, t, y, x). */
  @Test
  void layoutFollowsTheQwenFormulaAndOddCountsRepeatTheLastFrame() {
    int w = 56;
    int h = 84;
    List<RgbFrame> frames = List.of(TestFrames.gradient(w, h, 0), TestFrames.gradient(w, h, 5),
        TestFrames.gradient(w, h, 9));
    PreprocessedVisual v = QwenPatchifier.video(frames, 0.5);
    int gh = h / 14;
    int gw = w / 14;
    assertArrayEquals(new long[] {2, gh, gw}, v.gridThw()[0]);
    assertArrayEquals(new long[] {2L * gh * gw, 1176}, v.pixelShape());
    assertArrayEquals(new float[] {0.5f}, v.secondPerGridTs());
    float[] pv = v.pixelValues();
    for (int ti = 0; ti < 2; ti++) {
      for (int bh = 0; bh < gh / 2; bh++) {
        for (int bw = 0; bw < gw / 2; bw++) {
          for (int ih = 0; ih < 2; ih++) {
            for (int iw = 0; iw < 2; iw++) {
              int r = (((ti * (gh / 2) + bh) * (gw / 2) + bw) * 2 + ih) * 2 + iw;
              for (int c = 0; c < 3; c++) {
                for (int tt = 0; tt < 2; tt++) {
                  RgbFrame f = frames.get(Math.min(2 * ti + tt, frames.size() - 1));
                  for (int py = 0; py < 14; py++) {
                    for (int px = 0; px < 14; px++) {
                      int k = c * 392 + tt * 196 + py * 14 + px;
                      int value = f.at(14 * (2 * bw + iw) + px, 14 * (2 * bh + ih) + py, c);
                      assertEquals(norm(value, c), pv[r * 1176 + k], 0.0f);
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
