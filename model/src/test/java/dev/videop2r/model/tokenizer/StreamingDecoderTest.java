package dev.videop2r.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.model.generate.StreamingDecoder;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {

  @Test
  void piecesConcatenateToTheDecodedTextAndNeverShowHalfCharacters() {
    try (HfTextTokenizer qwen = HfTextTokenizer.load(QwenTokenizerFixture.file())) {
      String text = "<observation>Le café est à gauche 😀 𓀀𓁐 日本語.</observation><|im_end|>";
      long[] ids = qwen.encodeIds(text);
      boolean splitsACharacter = java.util.Arrays.stream(ids)
          .anyMatch(id -> qwen.decode(new long[] {id}, true).indexOf('\uFFFD') >= 0);
      assertTrue(splitsACharacter, "the text should contain a character spread over several tokens");
      StreamingDecoder stream = new StreamingDecoder(qwen);
      StringBuilder out = new StringBuilder();
      for (long id : ids) {
        String piece = stream.push(id);
        assertTrue(piece.indexOf('\uFFFD') < 0, "half character streamed: " + piece);
        out.append(piece);
      }
      out.append(stream.flush());
      assertEquals(qwen.decode(ids, true), out.toString());
      assertEquals("<observation>Le café est à gauche 😀 𓀀𓁐 日本語.</observation>", out.toString());
    }
  }
}
