package dev.videop2r.model.tokenizer;

import java.util.Arrays;

/**
 * Token ids of a text with, for token {@code i}, the half-open char range {@code [charStart[i], charEnd[i])}
 * of the text it came from. Special tokens carry their own range; tokens made up by the template (none here)
 * would carry {@code [-1, -1)}.
 */
public record TokenEncoding(long[] ids, int[] charStart, int[] charEnd) {

  public TokenEncoding {
    if (ids.length != charStart.length || ids.length != charEnd.length) {
      throw new IllegalArgumentException(
          "ids, charStart and charEnd differ in length: " + ids.length + ", " + charStart.length + ", " + charEnd.length);
    }
  }

  public int size() {
    return ids.length;
  }

  /**
   * Token range {@code [first, last)} of the tokens that overlap the char range {@code [from, to)}; an empty
   * char range or one no token overlaps gives an empty token range at the position where it would start.
   */
  public int[] tokenSpan(int from, int to) {
    int first = 0;
    while (first < ids.length && charEnd[first] <= from) {
      first++;
    }
    int last = first;
    while (last < ids.length && charStart[last] < to) {
      last++;
    }
    return new int[] {first, Math.max(first, last)};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenEncoding e
        && Arrays.equals(ids, e.ids) && Arrays.equals(charStart, e.charStart) && Arrays.equals(charEnd, e.charEnd);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(charStart)) + Arrays.hashCode(charEnd);
  }

  @Override
  public String toString() {
    return "TokenEncoding" + Arrays.toString(ids);
  }
}
