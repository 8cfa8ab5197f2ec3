package dev.videop2r.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A message's fields read as paths in a library and as whatever the reader names them (flags on the CLI). */
class FieldMessageTest {
  private static final UnaryOperator<String> FLAGS = path -> "--" + Specs.kebab(path.replace('.', '-'));

  @Test
  void aLibraryReadsFieldPathsAndAFrontEndItsOwnNames() {
    InvalidFieldException e = new InvalidFieldException("maxPixels",
        name -> "must be >= " + name.apply("minPixels") + ", got 10");
    assertEquals("maxPixels: must be >= minPixels, got 10", e.getMessage());
    assertEquals("must be >= minPixels, got 10", e.problem());
    assertEquals("--max-pixels: must be >= --min-pixels, got 10", e.message(FLAGS));
  }

  @Test
  void seenFromAnEnclosingGroupTheFieldAndTheFieldsItMentionsGetThePrefix() {
    InvalidFieldException e = new InvalidFieldException("maxPixels",
        name -> "must be >= " + name.apply("minPixels")).under("inputs");
    assertEquals("inputs.maxPixels", e.field());
    assertEquals("inputs.maxPixels: must be >= inputs.minPixels", e.getMessage());
    assertEquals("--inputs-max-pixels: must be >= --inputs-min-pixels", e.message(FLAGS));
  }
}
