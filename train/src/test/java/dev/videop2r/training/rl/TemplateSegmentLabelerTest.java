package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.TextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The windowed incremental decoding of {@link TemplateSegmentLabeler#pieces} equals the O(n²) prefix rule. */
class TemplateSegmentLabelerTest {

  /** The definition: token i's piece is decode(ids[..i+1]) minus decode(ids[..i]), held back on U+FFFD. */
  private static String[] prefixRule(TextTokenizer tokenizer, long[] ids) {
    String[] out = new String[ids.length];
    String previous = "";
    for (int i = 0; i < ids.length; i++) {
      String text = tokenizer.decode(Arrays.copyOf(ids, i + 1), true);
      if (text.endsWith("\uFFFD") || !text.startsWith(previous)) {
        out[i] = "";
        continue;
      }
      out[i] = text.substring(previous.length());
      previous = text;
    }
    return out;
  }

  private static Path qwenTokenizer() {
    String configured = System.getProperty("videop2r.qwenTokenizer");
    Path file = configured != null ? Path.of(configured) : Path.of("target", "qwen-tokenizer", "tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Qwen tokenizer not found at " + file.toAbsolutePath()
          + "; the train module's build fetches it in generate-test-resources");
    }
    return file;
  }

  @Test
  void byteLevelPiecesMatchThePrefixRuleOnTextSplittingCharactersOverTokens() {
    try (HfTextTokenizer qwen = HfTextTokenizer.load(qwenTokenizer())) {
      String text = "<observation>Le café est à gauche 😀 𓀀𓁐 日本語.</observation>\n<think>ok</think>"
          + "<answer>B</answer><|im_end|>";
      long[] ids = qwen.encodeIds(text);
      boolean splitsACharacter = Arrays.stream(ids)
          .anyMatch(id -> qwen.decode(new long[] {id}, true).indexOf('\uFFFD') >= 0);
      assertTrue(splitsACharacter, "the text should contain a character spread over several tokens");
      String[] pieces = TemplateSegmentLabeler.pieces(qwen).apply(ids);
      assertArrayEquals(prefixRule(qwen, ids), pieces);
      assertTrue(String.join("", pieces).startsWith("<observation>Le café"), String.join("", pieces));
    }
  }

  @Test
  void byteLevelPiecesMatchThePrefixRuleOnRandomTokenSequences() {
    try (HfTextTokenizer qwen = HfTextTokenizer.load(qwenTokenizer())) {
      // Token ids that carry fragments of multi-byte characters, so random sequences hit incomplete and invalid
      // UTF-8 often, plus the special tokens (skipped by the decoder) and arbitrary vocabulary entries.
      long[] fragments = qwen.encodeIds("😀𓀀𓁐日本語é à ü ß ﬁ 🎉🎊");
      long[] specials = {qwen.specialTokens().imEnd(), qwen.specialTokens().pad(), qwen.specialTokens().videoPad()};
      Random random = new Random(11);
      for (int trial = 0; trial < 200; trial++) {
        long[] ids = new long[1 + random.nextInt(40)];
        for (int i = 0; i < ids.length; i++) {
          int kind = random.nextInt(4);
          ids[i] = kind == 0 ? specials[random.nextInt(specials.length)]
              : kind == 1 ? random.nextInt(151_643) : fragments[random.nextInt(fragments.length)];
        }
        assertArrayEquals(prefixRule(qwen, ids), TemplateSegmentLabeler.pieces(qwen).apply(ids),
            () -> "ids " + Arrays.toString(ids));
      }
    }
  }

  @Test
  void wordLevelPiecesMatchThePrefixRuleOnRandomTokenSequences(@TempDir Path dir) {
    Path file = dir.resolve("tokenizer.json");
    new WordLevelTokenizerBuilder().addText("<observation>The red circle moves left.</observation> It moves so A B")
        .write(file);
    try (HfTextTokenizer words = HfTextTokenizer.load(file)) {
      Random random = new Random(5);
      for (int trial = 0; trial < 200; trial++) {
        long[] ids = new long[1 + random.nextInt(30)];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = random.nextInt(words.vocabSize());
        }
        assertArrayEquals(prefixRule(words, ids), TemplateSegmentLabeler.pieces(words).apply(ids),
            () -> "ids " + Arrays.toString(ids));
      }
    }
  }
}
