package dev.videop2r.training.rl;

import dev.videop2r.model.tokenizer.TextTokenizer;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ProcessTokens;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.TokenOffsets;
import java.util.function.Function;

/**
 * Splits rollouts with the core's template parser: the completion's tokens are decoded piece by piece (so each
 * token knows its character range in the decoded text), the text is parsed, and {@link ProcessTokens#assign} maps
 * the observation's character span onto tokens.
 */
public final class TemplateSegmentLabeler implements SegmentLabeler {
  private final ResponseParser parser;
  private final Function<long[], String[]> pieces;

  /** @param pieces the text each token contributes to the decoded completion, in order (special tokens: "") */
  public TemplateSegmentLabeler(ResponseParser parser, Function<long[], String[]> pieces) {
    this.parser = parser;
    this.pieces = pieces;
  }

  /**
   * Pieces from a tokenizer: token i's piece is decode(ids[..i+1]) minus decode(ids[..i]), special tokens
   * skipped, so multi-byte characters split over tokens land on the token that completes them.
   *
   * <p>Decoding every prefix would cost O(n²) token decodes per rollout. The decoders this project uses (byte-level
   * BPE, word-level) only look one token back: a byte-level prefix that decodes cleanly ends on a character
   * boundary, and a word-level join only needs the previous word. So each difference is taken over a window that
   * starts at the last token that emitted text (its own text is context, not output); the window only grows while
   * a character is incomplete or a decode disagrees with the text already emitted, as the prefix rule would wait
   * there too. {@code TemplateSegmentLabelerTest} pins the result to the prefix rule on the real Qwen tokenizer.
   */
  public static TemplateSegmentLabeler forTokenizer(TextTokenizer tokenizer, ResponseParser parser) {
    return new TemplateSegmentLabeler(parser, pieces(tokenizer));
  }

  /** The pieces function of {@link #forTokenizer}. */
  static Function<long[], String[]> pieces(TextTokenizer tokenizer) {
    return ids -> {
      String[] out = new String[ids.length];
      int anchor = 0; // window start: the last token that emitted text, or 0
      String previous = ""; // decode of the window up to the last token that emitted text
      for (int i = 0; i < ids.length; i++) {
        String text = tokenizer.decode(java.util.Arrays.copyOfRange(ids, anchor, i + 1), true);
        // A prefix ending inside a multi-byte character decodes to U+FFFD: wait for the token that completes it.
        if (text.endsWith("\uFFFD") || !text.startsWith(previous)) {
          out[i] = "";
          continue;
        }
        out[i] = text.substring(previous.length());
        if (!out[i].isEmpty()) {
          anchor = i;
          previous = tokenizer.decode(new long[] {ids[i]}, true);
        } else {
          previous = text;
        }
      }
      return out;
    };
  }

  @Override
  public RolloutSegments label(Rollout rollout) {
    String[] p = pieces.apply(rollout.tokens());
    int[] starts = new int[p.length];
    int[] ends = new int[p.length];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < p.length; i++) {
      starts[i] = text.length();
      text.append(p[i]);
      ends[i] = text.length();
    }
    ParsedResponse parsed = parser.parse(text.toString());
    return new RolloutSegments(parsed, ProcessTokens.assign(parsed, new TokenOffsets(starts, ends)));
  }
}
