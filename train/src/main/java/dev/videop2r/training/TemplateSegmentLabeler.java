package dev.videop2r.training;

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
   */
  public static TemplateSegmentLabeler forTokenizer(TextTokenizer tokenizer, ResponseParser parser) {
    return new TemplateSegmentLabeler(parser, ids -> {
      String[] out = new String[ids.length];
      String previous = "";
      for (int i = 0; i < ids.length; i++) {
        long[] prefix = java.util.Arrays.copyOf(ids, i + 1);
        String text = tokenizer.decode(prefix, true);
        // A prefix ending inside a multi-byte character decodes to U+FFFD: wait for the token that completes it.
        if (text.endsWith("\uFFFD") || !text.startsWith(previous)) {
          out[i] = "";
          continue;
        }
        out[i] = text.substring(previous.length());
        previous = text;
      }
      return out;
    });
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
