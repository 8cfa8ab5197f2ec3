package dev.videop2r.model.generate;

import dev.videop2r.model.tokenizer.TextTokenizer;
import java.util.Arrays;

/**
 * Turns a stream of token ids into a stream of text pieces whose concatenation is the decoded text. A byte-level
 * BPE token can end in the middle of a UTF-8 character; such a tail decodes to U+FFFD and is held back until the
 * next token completes it. Special tokens are skipped.
 */
public final class StreamingDecoder {

  private static final char REPLACEMENT = '\uFFFD';

  private final TextTokenizer tokenizer;
  private long[] ids = new long[64];
  private int count;
  private int emitted;

  public StreamingDecoder(TextTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Adds a token; returns the text it makes available (possibly empty). */
  public String push(long token) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
    }
    ids[count++] = token;
    String text = tokenizer.decode(Arrays.copyOf(ids, count), true);
    int end = text.length();
    if (end > emitted && text.charAt(end - 1) == REPLACEMENT) {
      return "";
    }
    String piece = end > emitted ? text.substring(emitted) : "";
    emitted = Math.max(emitted, end);
    return piece;
  }

  /** Whatever is still held back (an incomplete character at the very end), as decoded. */
  public String flush() {
    String text = tokenizer.decode(Arrays.copyOf(ids, count), true);
    String rest = text.length() > emitted ? text.substring(emitted) : "";
    emitted = text.length();
    return rest;
  }
}
