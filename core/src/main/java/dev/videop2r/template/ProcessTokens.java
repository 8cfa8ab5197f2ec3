package dev.videop2r.template;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which completion tokens belong to which process (method spec §1). Perception tokens are those overlapping the
 * selected top-level observation segment, tags included (a token straddling the observation's edge counts as perception).
 * Every other token is a reasoning token: think and answer with their tags, the end-of-turn token, and any
 * whitespace or stray text between or around segments. A response without an observation has no perception
 * tokens.
 *
 * @param perception per token, true for a perception token
 * @param segments the token span of each selected segment that some token overlaps
 */
public record ProcessTokens(boolean[] perception, Map<Segment, TokenSpan> segments) {

  public ProcessTokens {
    perception = perception.clone();
    segments = segments.isEmpty() ? Map.of() : new EnumMap<>(segments);
  }

  /** Assigns the tokens of {@code offsets} (covering {@code parsed.text()}) to the two processes. */
  public static ProcessTokens assign(ParsedResponse parsed, TokenOffsets offsets) {
    Map<Segment, TokenSpan> spans = new EnumMap<>(Segment.class);
    parsed.selected().forEach((segment, element) ->
        TokenSpans.toTokens(element.outer(), offsets).ifPresent(t -> spans.put(segment, t)));
    boolean[] perception = new boolean[offsets.size()];
    parsed.perception().ifPresent(obs -> {
      for (int i = 0; i < offsets.size(); i++) {
        perception[i] = obs.outer().overlaps(offsets.start(i), offsets.end(i));
      }
    });
    return new ProcessTokens(perception, spans);
  }

  public int size() {
    return perception.length;
  }

  public boolean isPerception(int token) {
    return perception[token];
  }

  @Override
  public boolean[] perception() {
    return perception.clone();
  }

  /** Number of perception tokens: the perception length l^p of the length reward. */
  public int perceptionLength() {
    int n = 0;
    for (boolean p : perception) {
      if (p) {
        n++;
      }
    }
    return n;
  }

  /** Number of reasoning tokens (end-of-turn included): the reasoning length l^r of the length reward. */
  public int reasoningLength() {
    return perception.length - perceptionLength();
  }

  public Optional<TokenSpan> segment(Segment segment) {
    return Optional.ofNullable(segments.get(segment));
  }
}
