package dev.videop2r.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  private static final ResponseParser LENIENT = ResponseParser.lenient();
  private static final ResponseParser STRICT =
      new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.STRICT);

  private static List<String> defects(ParsedResponse p) {
    return p.defectMessages();
  }

  @Test
  void wellFormedResponseHasSpansAndContent() {
    String text = "<observation> a red ball </observation>\n<think>it rolls</think>\n<answer>B</answer>";
    ParsedResponse p = STRICT.parse(text);
    assertTrue(p.wellFormed(), defects(p).toString());
    assertTrue(p.perceptionWellFormed());
    assertTrue(p.reasoningWellFormed());
    ParsedSegment obs = p.observation().orElseThrow();
    assertEquals(new CharSpan(0, 39), obs.outer());
    assertEquals("<observation> a red ball </observation>", obs.outer().of(text));
    assertEquals(" a red ball ", obs.inner().of(text));
    assertEquals("a red ball", obs.content());
    assertEquals("<think>it rolls</think>", p.think().orElseThrow().outer().of(text));
    assertEquals("B", p.answer().orElseThrow().content());
  }

  @Test
  void whitespaceAroundAndBetweenSegmentsIsAllowed() {
    String text = " \n<observation>o</observation>  \t<think>t</think>\u00a0<answer>A</answer>\n\n";
    ParsedResponse p = LENIENT.parse(text);
    assertTrue(p.wellFormed(), defects(p).toString());
  }

  @Test
  void missingObservationIsNamedAndReasoningStillWellFormed() {
    ParsedResponse p = LENIENT.parse("<think>t</think><answer>A</answer>");
    assertEquals(List.of("missing observation"), defects(p));
    assertFalse(p.perceptionWellFormed());
    assertTrue(p.reasoningWellFormed());
    assertTrue(p.observation().isEmpty());
  }

  @Test
  void duplicatedSegmentKeepsTheFirstInLenientMode() {
    String text = "<observation>o</observation><think>t1</think><think>t2</think><answer>A</answer>";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("duplicated think at 45..62"), defects(p));
    assertEquals("t1", p.think().orElseThrow().content());
    assertTrue(p.perceptionWellFormed());
    assertFalse(p.reasoningWellFormed());
  }

  @Test
  void nestedAnswerInsideThinkIsNamedAndTopLevelAnswerWins() {
    String text = "<observation>o</observation><think>so <answer>C</answer> maybe</think><answer>A</answer>";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("nested answer at 38..56"), defects(p));
    assertEquals("A", p.answer().orElseThrow().content());
    assertFalse(p.reasoningWellFormed());
    assertTrue(p.perceptionWellFormed());
  }

  @Test
  void nestedOnlyAnswerIsRecoveredLeniently() {
    String text = "<observation>o</observation><think>so <answer>C</answer></think>";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("missing answer", "nested answer at 38..56"), defects(p));
    assertEquals("C", p.answer().orElseThrow().content());
  }

  @Test
  void outOfOrderSegments() {
    String text = "<think>t</think><observation>o</observation><answer>A</answer>";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("out of order observation at 16..44"), defects(p));
    assertFalse(p.perceptionWellFormed());
    assertFalse(p.reasoningWellFormed());
  }

  @Test
  void unclosedObservationIsCutAtTheNextSegment() {
    String text = "<observation>a ball<think>t</think><answer>A</answer>";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("unclosed observation at 0..19"), defects(p));
    assertEquals("a ball", p.observation().orElseThrow().content());
    assertFalse(p.observation().orElseThrow().closed());
    assertEquals("t", p.think().orElseThrow().content());
    assertFalse(p.perceptionWellFormed());
    assertTrue(p.reasoningWellFormed());
  }

  @Test
  void unclosedAnswerRunsToTheEnd() {
    String text = "<observation>o</observation><think>t</think><answer>A";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("unclosed answer at 44..53"), defects(p));
    assertEquals("A", p.answer().orElseThrow().content());
  }

  @Test
  void textOutsideSegmentsIsReportedPerGapAndTrimmed() {
    String text = "Sure! <observation>o</observation> so <think>t</think><answer>A</answer> done";
    ParsedResponse p = LENIENT.parse(text);
    assertEquals(List.of("text outside segments at 0..5", "text outside segments at 35..37",
        "text outside segments at 73..77"), defects(p));
    assertFalse(p.perceptionWellFormed());
    assertFalse(p.reasoningWellFormed());
  }

  @Test
  void textBeforeObservationOnlyBreaksPerceptionFormat() {
    ParsedResponse p = LENIENT.parse("x<observation>o</observation><think>t</think><answer>A</answer>");
    assertFalse(p.perceptionWellFormed());
    assertTrue(p.reasoningWellFormed());
  }

  @Test
  void strayClosingTagAtTopLevelIsTextOutside() {
    ParsedResponse p = LENIENT.parse("<observation>o</observation></think><think>t</think><answer>A</answer>");
    assertEquals(List.of("text outside segments at 28..36"), defects(p));
  }

  @Test
  void strictModeReturnsNoSegmentsOnAnyDefect() {
    ParsedResponse p = STRICT.parse("<observation>o</observation><think>t</think><answer>A</answer> x");
    assertFalse(p.wellFormed());
    assertTrue(p.observation().isEmpty());
    assertTrue(p.answer().isEmpty());
    assertEquals(List.of("text outside segments at 63..64"), defects(p));
  }

  @Test
  void thinkAnswerTemplateTreatsObservationAsTextOutside() {
    ResponseParser parser = new ResponseParser(ResponseTemplate.THINK_ANSWER, ParseMode.LENIENT);
    assertTrue(parser.parse("<think>t</think>\n<answer>A</answer>").wellFormed());
    ParsedResponse p = parser.parse("<observation>o</observation><think>t</think><answer>A</answer>");
    assertEquals(List.of("text outside segments at 0..28"), defects(p));
    assertTrue(p.observation().isEmpty());
    assertFalse(p.perceptionWellFormed());
  }

  @Test
  void emptyResponseMissesEverything() {
    ParsedResponse p = LENIENT.parse("");
    assertEquals(List.of("missing observation", "missing think", "missing answer"), defects(p));
  }

  @Test
  void tagsAreCaseSensitive() {
    ParsedResponse p = LENIENT.parse("<Observation>o</Observation><think>t</think><answer>A</answer>");
    assertEquals(List.of("missing observation", "text outside segments at 0..28"), defects(p));
  }
}
