package dev.videop2r.template;

/**
 * The character range each completion token covers in the decoded completion text, as a tokenizer reports it
 * ({@code [starts[i], ends[i])}). Special tokens that decode to nothing (the end-of-turn token) have an empty
 * range. Tokenizer-agnostic: any tokenizer that reports offsets can fill this.
 */
public record TokenOffsets(int[] starts, int[] ends) {

  public TokenOffsets {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException(
          "token offsets: " + starts.length + " starts but " + ends.length + " ends");
    }
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] < 0 || ends[i] < starts[i]) {
        throw new IllegalArgumentException(
            "token offsets: token " + i + " has bad range [" + starts[i] + ", " + ends[i] + ")");
      }
    }
    starts = starts.clone();
    ends = ends.clone();
  }

  public int size() {
    return starts.length;
  }

  public int start(int token) {
    return starts[token];
  }

  public int end(int token) {
    return ends[token];
  }

  @Override
  public int[] starts() {
    return starts.clone();
  }

  @Override
  public int[] ends() {
    return ends.clone();
  }
}
