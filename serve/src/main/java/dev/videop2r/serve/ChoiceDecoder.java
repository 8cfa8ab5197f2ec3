package dev.videop2r.serve;

import dev.videop2r.model.generate.StreamingDecoder;
import dev.videop2r.model.tokenizer.TextTokenizer;
import java.util.List;

/**
 * One choice's text as its tokens arrive: special tokens skipped, whole UTF-8 characters only, cut before the first
 * stop string. While streaming, the last (longest stop - 1) characters are held back, since they may begin a stop
 * string. Tokens after a stop string are not counted: the reply's token ids and log-probs end with the token that
 * completed it (vLLM does the same).
 */
final class ChoiceDecoder {
  private final StreamingDecoder decoder;
  private final List<String> stops;
  private final int holdBack;
  private final StringBuilder text = new StringBuilder();
  private int emitted;
  private int tokens;
  private boolean stoppedByString;

  ChoiceDecoder(TextTokenizer tokenizer, List<String> stops) {
    this.decoder = new StreamingDecoder(tokenizer);
    this.stops = stops;
    this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
  }

  /** Adds a token; returns the text now safe to send (possibly empty). Ignored after a stop string. */
  String push(long token) {
    if (stoppedByString) {
      return "";
    }
    tokens++;
    int before = text.length();
    text.append(decoder.push(token));
    cutAtStop(before);
    int safe = stoppedByString ? text.length() : Math.max(emitted, text.length() - holdBack);
    return release(safe);
  }

  /** The rest of the text once generation ended. */
  String finish() {
    if (!stoppedByString) {
      int before = text.length();
      text.append(decoder.flush());
      cutAtStop(before);
    }
    return release(text.length());
  }

  private void cutAtStop(int before) {
    int from = Math.max(0, before - holdBack);
    int cut = -1;
    for (String stop : stops) {
      int at = text.indexOf(stop, from);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
      }
    }
    if (cut >= 0) {
      text.setLength(cut);
      stoppedByString = true;
    }
  }

  private String release(int upTo) {
    String piece = text.substring(emitted, upTo);
    emitted = upTo;
    return piece;
  }

  String text() {
    return text.toString();
  }

  /** Tokens that belong to the choice (all of them, or up to the one that completed a stop string). */
  int tokens() {
    return tokens;
  }

  boolean stoppedByString() {
    return stoppedByString;
  }
}
