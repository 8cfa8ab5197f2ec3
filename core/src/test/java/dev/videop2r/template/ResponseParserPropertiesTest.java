package dev.videop2r.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResponseParserPropertiesTest {

  @Provide
  Arbitrary<String> responses() {
    return Arbitraries.of("<observation>", "</observation>", "<think>", "</think>", "<answer>", "</answer>",
        " ", "\n", "x", "B", "<", "<obs", "</").list().ofMaxSize(14).map(parts -> String.join("", parts));
  }

  @Property(tries = 2000)
  void formatChecksHoldExactlyWhenThereIsNoDefect(@ForAll("responses") String text) {
    ParsedResponse p = new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.LENIENT).parse(text);
    assertEquals(p.wellFormed(), p.perceptionWellFormed() && p.reasoningWellFormed(), p.defectMessages()::toString);
  }

  @Property(tries = 2000)
  void spansAreInsideTheTextAndNested(@ForAll("responses") String text) {
    ParsedResponse p = ResponseParser.lenient().parse(text);
    for (ParsedSegment e : p.elements()) {
      assertTrue(e.outer().end() <= text.length());
      assertTrue(e.outer().contains(e.inner()));
      assertTrue(e.outer().of(text).startsWith(e.segment().openTag()));
      if (e.closed()) {
        assertTrue(e.outer().of(text).endsWith(e.segment().closeTag()));
        assertEquals(e.inner().end() + e.segment().closeTag().length(), e.outer().end());
      }
    }
    for (Defect d : p.defects()) {
      assertTrue(d.span() == null || d.span().end() <= text.length());
    }
  }

  @Property(tries = 1000)
  void strictSelectsSegmentsOnlyWithoutDefects(@ForAll("responses") String text) {
    ParsedResponse strict = new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.STRICT).parse(text);
    ParsedResponse lenient = ResponseParser.lenient().parse(text);
    assertEquals(lenient.defects(), strict.defects());
    if (strict.wellFormed()) {
      assertEquals(lenient.selected(), strict.selected());
      assertEquals(3, strict.selected().size());
    } else {
      assertTrue(strict.selected().isEmpty());
    }
  }
}
