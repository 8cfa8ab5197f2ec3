package dev.videop2r.template;

import java.util.Optional;

/** Maps character spans of a response to token spans and back, given the tokens' character offsets. */
public final class TokenSpans {

  private TokenSpans() {}

  /**
   * The tokens that share at least one character with {@code span}: from the first such token to the last.
   * Empty when no token overlaps (zero-width tokens never overlap anything).
   */
  public static Optional<TokenSpan> toTokens(CharSpan span, TokenOffsets offsets) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < offsets.size(); i++) {
      if (span.overlaps(offsets.start(i), offsets.end(i))) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    return first < 0 ? Optional.empty() : Optional.of(new TokenSpan(first, last + 1));
  }

  /** The characters covered by a non-empty token span: from its first token's start to its last token's end. */
  public static CharSpan toChars(TokenSpan tokens, TokenOffsets offsets) {
    if (tokens.isEmpty() || tokens.end() > offsets.size()) {
      throw new IllegalArgumentException("token span " + tokens + " is empty or beyond " + offsets.size()
          + " tokens");
    }
    return new CharSpan(offsets.start(tokens.start()), offsets.end(tokens.end() - 1));
  }
}
