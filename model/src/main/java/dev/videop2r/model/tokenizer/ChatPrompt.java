package dev.videop2r.model.tokenizer;

import java.util.Arrays;

/**
 * A tokenized chat: ids with vision pads expanded, attention mask (all ones; batching adds left pads), and for
 * every token the char range {@code [charStart, charEnd)} in {@link #text()} (the template text BEFORE pad
 * expansion; every copy of an expanded pad points at the one pad string).
 *
 * <p>{@code [responseStart, responseEnd)} is the token range of the assistant's response including its closing
 * {@code <|im_end|>} (what SFT puts labels on); for a generation prompt it is empty at {@code ids.length}.
 * {@code responseCharStart} is where the response begins in {@link #text()}.
 */
public record ChatPrompt(String text, long[] ids, long[] attentionMask, int[] charStart, int[] charEnd,
                         int responseStart, int responseEnd, int responseCharStart) {

  public int length() {
    return ids.length;
  }

  /** Token ids of the prompt part only (everything before the response). */
  public long[] promptIds() {
    return Arrays.copyOf(ids, responseStart);
  }

  /**
   * Token range {@code [first, last)} covering the response's chars {@code [from, to)}, with char positions
   * relative to the response string (as a template parser reports them).
   */
  public int[] responseTokenSpan(int from, int to) {
    int absFrom = responseCharStart + from;
    int absTo = responseCharStart + to;
    int first = responseStart;
    while (first < responseEnd && charEnd[first] <= absFrom) {
      first++;
    }
    int last = first;
    while (last < responseEnd && charStart[last] < absTo) {
      last++;
    }
    return new int[] {first, last};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatPrompt p && text.equals(p.text) && Arrays.equals(ids, p.ids)
        && Arrays.equals(attentionMask, p.attentionMask) && Arrays.equals(charStart, p.charStart)
        && Arrays.equals(charEnd, p.charEnd) && responseStart == p.responseStart && responseEnd == p.responseEnd
        && responseCharStart == p.responseCharStart;
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "ChatPrompt[" + ids.length + " tokens, response " + responseStart + ".." + responseEnd + "]";
  }
}
