package dev.videop2r.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasoningOnlyTest {

  @Test
  void removesTheObservationAndKeepsThinkAndAnswerByteForByte() {
    String response = "<observation>A red ball moves left.</observation>\n<think>It moves left, so B.</think>\n"
        + "<answer>B</answer>";
    String reasoning = ReasoningOnly.of(response);
    assertEquals("<think>It moves left, so B.</think>\n<answer>B</answer>", reasoning);
    assertFalse(reasoning.contains("observation"));
    ParsedResponse parsed = new ResponseParser(ResponseTemplate.THINK_ANSWER, ParseMode.STRICT).parse(reasoning);
    assertTrue(parsed.wellFormed(), parsed.defectMessages().toString());
  }

  @Test
  void aResponseThatIsNotProcessAwareIsRefusedNamingTheDefect() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReasoningOnly.of("<think>so B</think><answer>B</answer>"));
    assertTrue(e.getMessage().startsWith("not a well-formed observation/think/answer response ("), e.getMessage());
    assertTrue(e.getMessage().length() > "not a well-formed observation/think/answer response ()".length());
  }
}
