package dev.videop2r.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TokenSpansTest {

  /** Splits text into tokens at the given cut points and returns their offsets. */
  static TokenOffsets cut(String text, List<Integer> cuts, boolean endOfTurn) {
    List<Integer> points = new ArrayList<>(cuts.stream().filter(c -> c > 0 && c < text.length()).sorted()
        .distinct().toList());
    points.add(0, 0);
    points.add(text.length());
    int n = points.size() - 1 + (endOfTurn ? 1 : 0);
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i + 1 < points.size(); i++) {
      starts[i] = points.get(i);
      ends[i] = points.get(i + 1);
    }
    if (endOfTurn) {
      starts[n - 1] = text.length();
      ends[n - 1] = text.length();
    }
    return new TokenOffsets(starts, ends);
  }

  @Test
  void handWorkedProcessAssignment() {
    String text = "<observation>ball</observation>\n<think>t</think><answer>A</answer>";
    // tokens: "<observation>" "ball" "</observation>" "\n" "<think>t</think>" "<answer>A</answer>" EOT
    TokenOffsets offsets = new TokenOffsets(new int[] {0, 13, 17, 31, 32, 48, 66},
        new int[] {13, 17, 31, 32, 48, 66, 66});
    ProcessTokens tokens = ProcessTokens.assign(ResponseParser.lenient().parse(text), offsets);
    assertEquals(3, tokens.perceptionLength());
    assertEquals(4, tokens.reasoningLength());
    assertTrue(tokens.isPerception(2));
    assertFalse(tokens.isPerception(3));
    assertFalse(tokens.isPerception(6));
    assertEquals(Optional.of(new TokenSpan(0, 3)), tokens.segment(Segment.OBSERVATION));
    assertEquals(Optional.of(new TokenSpan(5, 6)), tokens.segment(Segment.ANSWER));
  }

  @Test
  void anObservationNestedInThinkIsReasoningNotPerception() {
    String text = "<think>see <observation>ball</observation> so A</think><answer>A</answer>";
    ParsedResponse parsed = ResponseParser.lenient().parse(text);
    assertTrue(parsed.observation().isPresent(), "lenient parsing still finds the nested element");
    assertTrue(parsed.perception().isEmpty(), "but it is no perception segment");
    TokenOffsets offsets = cut(text, List.of(7, 11, 24, 28, 42, 47, 55), true);
    ProcessTokens tokens = ProcessTokens.assign(parsed, offsets);
    assertEquals(0, tokens.perceptionLength());
    assertEquals(offsets.size(), tokens.reasoningLength());
  }

  @Test
  void tokenStraddlingTheObservationEdgeIsPerception() {
    String text = "<observation>o</observation><think>t</think><answer>A</answer>";
    // one token covers "</observation><think>" partly: chars 14..35
    TokenOffsets offsets = new TokenOffsets(new int[] {0, 14, 35}, new int[] {14, 35, text.length()});
    ProcessTokens tokens = ProcessTokens.assign(ResponseParser.lenient().parse(text), offsets);
    assertTrue(tokens.isPerception(1));
    assertEquals(2, tokens.perceptionLength());
  }

  @Test
  void responseWithoutObservationIsAllReasoning() {
    String text = "<think>t</think><answer>A</answer>";
    TokenOffsets offsets = cut(text, List.of(7, 8, 16), true);
    ProcessTokens tokens = ProcessTokens.assign(ResponseParser.lenient().parse(text), offsets);
    assertEquals(0, tokens.perceptionLength());
    assertEquals(offsets.size(), tokens.reasoningLength());
  }

  @Test
  void badOffsetsAreRefusedWithTheTokenIndex() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new TokenOffsets(new int[] {0, 5}, new int[] {5, 3}));
    assertEquals("token offsets: token 1 has bad range [5, 3)", e.getMessage());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab <>/\n").ofMinLength(1).ofMaxLength(60);
  }

  @Property(tries = 300)
  void tokenSpanRoundTripsThroughChars(@ForAll("texts") String text,
      @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 60) Integer> cuts,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 59) int a,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 59) int b) {
    TokenOffsets offsets = cut(text, cuts, true);
    int real = offsets.size() - 1; // the last token is the zero-width end-of-turn token
    int first = Math.min(a, b) % real;
    int last = Math.max(first, Math.max(a, b) % real);
    TokenSpan span = new TokenSpan(first, last + 1);
    CharSpan chars = TokenSpans.toChars(span, offsets);
    assertEquals(Optional.of(span), TokenSpans.toTokens(chars, offsets));
  }

  @Property(tries = 300)
  void charSpanIsCoveredByItsTokens(@ForAll("texts") String text,
      @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 60) Integer> cuts,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 60) int a,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 60) int len) {
    int start = Math.min(a, text.length() - 1);
    int end = Math.min(text.length(), start + len);
    CharSpan chars = new CharSpan(start, end);
    TokenOffsets offsets = cut(text, cuts, false);
    TokenSpan tokens = TokenSpans.toTokens(chars, offsets).orElseThrow();
    assertTrue(TokenSpans.toChars(tokens, offsets).contains(chars));
  }

  @Property(tries = 300)
  void everyTokenIsInExactlyOneProcess(@ForAll("texts") String filler,
      @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 200) Integer> cuts) {
    String text = filler + "<observation>" + filler + "</observation><think>" + filler + "</think><answer>"
        + filler + "</answer>";
    TokenOffsets offsets = cut(text, cuts, true);
    ParsedResponse parsed = ResponseParser.lenient().parse(text);
    ProcessTokens tokens = ProcessTokens.assign(parsed, offsets);
    assertEquals(offsets.size(), tokens.perceptionLength() + tokens.reasoningLength());
    assertFalse(tokens.isPerception(offsets.size() - 1), "end-of-turn is a reasoning token");
    parsed.observation().ifPresent(obs -> {
      for (int t = 0; t < offsets.size(); t++) {
        assertEquals(obs.outer().overlaps(offsets.start(t), offsets.end(t)), tokens.isPerception(t));
      }
    });
  }
}
