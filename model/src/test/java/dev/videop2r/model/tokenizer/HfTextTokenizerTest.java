package dev.videop2r.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen byte-level BPE tokenizer, checked against the token ids the spec lists (qwen25vl.md §0.2, §4.1). */
class HfTextTokenizerTest {

  private static HfTextTokenizer qwen;

  @BeforeAll
  static void load() {
    qwen = HfTextTokenizer.load(QwenTokenizerFixture.file());
  }

  @AfterAll
  static void close() {
    qwen.close();
  }

  @Test
  void specialTokenIdsAreThePublishedOnes() {
    SpecialTokens s = qwen.specialTokens();
    assertEquals(151643, s.pad());
    assertEquals(151644, s.imStart());
    assertEquals(151645, s.imEnd());
    assertEquals(151652, s.visionStart());
    assertEquals(151653, s.visionEnd());
    assertEquals(151655, s.imagePad());
    assertEquals(151656, s.videoPad());
    assertArrayEquals(new long[] {151645, 151643}, s.eos());
    assertEquals(151654, qwen.tokenId("<|vision_pad|>"));
    assertEquals(151646, qwen.tokenId("<|object_ref_start|>"));
    assertEquals(151664, qwen.tokenId("<|file_sep|>"));
  }

  @Test
  void systemTurnEncodesToTheIdsOfTheHfIntegrationTest() {
    long[] ids = qwen.encodeIds("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|>");
    assertArrayEquals(new long[] {151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644, 872, 198, 151652}, ids);
    assertArrayEquals(new long[] {77091}, qwen.encodeIds("assistant"));
  }

  @Test
  void offsetsPointBackIntoTheText() {
    String text = "<|im_start|>user\nThe red circle moves left.<|im_end|>";
    TokenEncoding e = qwen.encode(text);
    assertEquals(151644, e.ids()[0]);
    assertEquals(0, e.charStart()[0]);
    assertEquals("<|im_start|>".length(), e.charEnd()[0]);
    StringBuilder rebuilt = new StringBuilder();
    for (int i = 0; i < e.size(); i++) {
      rebuilt.append(text, e.charStart()[i], e.charEnd()[i]);
    }
    assertEquals(text, rebuilt.toString());
    int from = text.indexOf("red");
    int[] span = e.tokenSpan(from, from + "red circle".length());
    assertEquals(" red circle", qwen.decode(java.util.Arrays.copyOfRange(e.ids(), span[0], span[1]), false));
  }

  @Test
  void offsetsAreUtf16IndicesAfterSupplementaryCharacters() {
    String text = "ok \uD83D\uDE00 then red";
    TokenEncoding e = qwen.encode(text);
    int last = e.size() - 1;
    assertEquals(text.length(), e.charEnd()[last]);
    assertEquals(" red", text.substring(e.charStart()[last], e.charEnd()[last]));
  }

  @Test
  void decodeRoundTripsAndSkipsSpecialTokens() {
    String text = "<|im_start|>assistant\n<observation>Two balls, 3 frames; naïve café.</observation><|im_end|>";
    long[] ids = qwen.encodeIds(text);
    assertEquals(text, qwen.decode(ids, false));
    assertEquals("assistant\n<observation>Two balls, 3 frames; naïve café.</observation>", qwen.decode(ids, true));
  }

  @Test
  void longTextsAreNotTruncated() {
    String text = " word".repeat(3000);
    assertEquals(3000, qwen.encodeIds(text).length);
  }

  @Test
  void vocabularySizeCountsAddedTokens() {
    assertTrue(qwen.vocabSize() >= 151665, "vocab " + qwen.vocabSize());
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTextTokenizer.load(dir));
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
  }
}
