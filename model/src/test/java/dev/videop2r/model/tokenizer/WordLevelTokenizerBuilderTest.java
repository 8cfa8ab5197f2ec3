package dev.videop2r.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordLevelTokenizerBuilderTest {

  private static final List<String> CORPUS = List.of(
      "The red circle moves from left to right.",
      "Which shape moves? Options: A. circle, B. square.",
      "<observation>The red circle moves from left to right.</observation>"
          + "<think>It moves right, so the answer is A.</think><answer>A</answer>");

  @Test
  void djlLoadsTheWrittenFileAndRoundTrips(@TempDir Path dir) {
    Path file = dir.resolve("tokenizer.json");
    Map<String, Integer> vocab = new WordLevelTokenizerBuilder().addTexts(CORPUS).write(file);
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(file)) {
      assertEquals(vocab.size(), tokenizer.vocabSize());
      for (String text : CORPUS) {
        TokenEncoding e = tokenizer.encode(text);
        assertEquals(text, tokenizer.decode(e.ids(), false));
        for (long id : e.ids()) {
          assertEquals(true, id != 0, "no <unk> for in-vocabulary text: " + text);
        }
      }
      String prompt = "<|im_start|>user\n<|vision_start|><|video_pad|><|vision_end|>Which shape moves?<|im_end|>\n";
      assertEquals(prompt, tokenizer.decode(tokenizer.encodeIds(prompt), false));
      assertEquals("user\nWhich shape moves?\n", tokenizer.decode(tokenizer.encodeIds(prompt), true));
      assertEquals(1, tokenizer.encodeIds("<observation>").length);
      assertEquals(1, tokenizer.encodeIds("</answer>").length);
      assertEquals(3, tokenizer.encodeIds("circle 12").length, "digits are single tokens");
    }
  }

  @Test
  void qwenSpecialTokensKeepQwensOrderAtTheEnd(@TempDir Path dir) {
    Path file = dir.resolve("tokenizer.json");
    Map<String, Integer> vocab = new WordLevelTokenizerBuilder().addTexts(CORPUS).write(file);
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(file)) {
      long base = tokenizer.tokenId("<|endoftext|>");
      assertEquals(vocab.size() - WordLevelTokenizerBuilder.QWEN_SPECIAL_TOKENS.size(), base);
      SpecialTokens s = tokenizer.specialTokens();
      // Same offsets from <|endoftext|> as in Qwen's tokenizer (151643 + k).
      assertArrayEquals(new long[] {0, 1, 2, 9, 10, 12, 13},
          new long[] {s.pad() - base, s.imStart() - base, s.imEnd() - base, s.visionStart() - base,
              s.visionEnd() - base, s.imagePad() - base, s.videoPad() - base});
      assertEquals(base + 11, tokenizer.tokenId("<|vision_pad|>"));
      Map<String, Integer> config = WordLevelTokenizerBuilder.configTokenIds(vocab);
      assertEquals(List.of(base, base + 2, base + 9, base + 10, base + 11, base + 12, base + 13),
          config.values().stream().map(Integer::longValue).toList());
      assertEquals(base + 21, tokenizer.tokenId("<|file_sep|>"));
    }
  }

  @Test
  void unknownWordsBecomeUnk(@TempDir Path dir) {
    Path file = dir.resolve("tokenizer.json");
    new WordLevelTokenizerBuilder().addTexts(CORPUS).write(file);
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(file)) {
      long[] ids = tokenizer.encodeIds("The purple circle");
      assertEquals(3, ids.length);
      assertEquals(0, ids[1]);
    }
  }

  @Test
  void theFileIsReproducible(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    new WordLevelTokenizerBuilder().addTexts(CORPUS).write(a);
    new WordLevelTokenizerBuilder().addTexts(CORPUS.reversed()).write(b);
    assertEquals(java.nio.file.Files.readString(a), java.nio.file.Files.readString(b));
  }
}
