package dev.videop2r.serve;

import ai.djl.ndarray.NDManager;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A random tiny Qwen2.5-VL (the real architecture) in HF layout with a word-level tokenizer, for serving tests. */
public final class TinyModelDir {
  static final String WORDS = "what colour is the shape ? red green blue a b c one two three answer think observation";
  /** A frame size Qwen's resize keeps (both sides multiples of 28) at the tests' pixel budget. */
  static final int SIDE = 56;

  private TinyModelDir() {}

  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Integer> vocab = new WordLevelTokenizerBuilder()
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant " + WORDS)
        .write(dir.resolve("tokenizer.json"));
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(new TinyQwen(32, 2, 4, 2, 48, 1, 16, 2, 24).config(vocab), 3, manager)) {
      model.save(dir);
    }
    return dir;
  }

  /** Four 56x56 frames whose colour moves (what a client has sampled from a clip). */
  static List<RgbFrame> frames() {
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      byte[] rgb = new byte[SIDE * SIDE * 3];
      for (int i = 0; i < SIDE * SIDE; i++) {
        rgb[3 * i] = (byte) (i % SIDE < SIDE - 12 * f ? 200 : 20);
        rgb[3 * i + 2] = (byte) (40 * f);
      }
      frames.add(new RgbFrame(SIDE, SIDE, rgb));
    }
    return frames;
  }
}
