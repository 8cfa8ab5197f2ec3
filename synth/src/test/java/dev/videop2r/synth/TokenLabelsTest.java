package dev.videop2r.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenLabelsTest {
  private static final TokenLabels.Geometry GEOMETRY = TokenLabels.Geometry.qwen(112, 112);

  /** A red circle moving right 10 px per frame from (20, 30), turning blue on frame 4; "fox" on frames 2..6. */
  private static Scene scene() {
    SceneObject circle = new SceneObject(0, ShapeKind.CIRCLE, SynthColour.RED, 7, 20, 30, 10, 0, 0, 8,
        List.of(new SceneObject.ColourChange(4, SynthColour.BLUE)));
    return new Scene(112, 112, 8, 2.0, List.of(circle), List.of(new TimedWord("fox", 2, 6)), 0, 1);
  }

  private static int label(int[][] labels, TokenLabels.Head head, int slice, int row, int column) {
    return labels[head.ordinal()][slice * 16 + row * 4 + column];
  }

  @Test
  void theTokenHoldingAShapesCentreCarriesItsColourShapeMotionAndPosition() {
    int[][] labels = TokenLabels.of(scene(), new int[] {0, 1, 4, 5}, GEOMETRY);
    assertEquals(TokenLabels.Head.values().length, labels.length);
    assertEquals(2 * 16, labels[0].length, "two temporal slices of 4x4 merged tokens");
    // Frame 0: centre (20, 30) lies in merged token row 1, column 0.
    assertEquals(1 + SynthColour.RED.ordinal(), label(labels, TokenLabels.Head.COLOUR, 0, 1, 0));
    assertEquals(1 + ShapeKind.CIRCLE.ordinal(), label(labels, TokenLabels.Head.SHAPE, 0, 1, 0));
    assertEquals(1 + Direction.RIGHT.ordinal(), label(labels, TokenLabels.Head.MOTION, 0, 1, 0));
    assertEquals(1 + 20 * 8 / 112, label(labels, TokenLabels.Head.COLUMN, 0, 1, 0));
    assertEquals(1 + 30 * 8 / 112, label(labels, TokenLabels.Head.ROW, 0, 1, 0));
    // Frame 4 (second slice): centre (60, 30), row 1, column 2, blue by then.
    assertEquals(1 + SynthColour.BLUE.ordinal(), label(labels, TokenLabels.Head.COLOUR, 1, 1, 2));
    assertEquals(0, label(labels, TokenLabels.Head.COLOUR, 1, 1, 0), "the shape has left its first token");
    long shown = java.util.Arrays.stream(labels[TokenLabels.Head.SHAPE.ordinal()]).filter(l -> l != 0).count();
    assertEquals(2, shown, "one labelled token per slice for one shape");
  }

  @Test
  void theWordLabelsTheTokensOverTheTextStripWhileItIsShown() {
    int[][] labels = TokenLabels.of(scene(), new int[] {0, 1, 4, 5}, GEOMETRY);
    int fox = 1 + Words.ALL.indexOf("fox");
    for (int column = 0; column < 4; column++) {
      assertEquals(0, label(labels, TokenLabels.Head.WORD, 0, 3, column), "frame 0 shows no word");
      assertEquals(fox, label(labels, TokenLabels.Head.WORD, 1, 3, column));
      assertEquals(0, label(labels, TokenLabels.Head.WORD, 1, 2, column), "only the strip's row");
    }
  }

  @Test
  void smallerModelFramesScaleTheScenesCoordinates() {
    int[][] labels = TokenLabels.of(scene(), new int[] {4, 5}, TokenLabels.Geometry.qwen(56, 56));
    // (60, 30) in a 112 px scene is (30, 15) in a 56 px frame: merged row 0, column 1 of a 2x2 grid.
    int[] colour = labels[TokenLabels.Head.COLOUR.ordinal()];
    assertArrayEquals(new int[] {0, 1 + SynthColour.BLUE.ordinal(), 0, 0}, colour);
  }

  @Test
  void framesThatDoNotFillTemporalPatchesOrSizesOffTheGridAreRefused() {
    var odd = assertThrows(IllegalArgumentException.class, () -> TokenLabels.of(scene(), new int[] {0, 1, 2},
        GEOMETRY));
    assertTrue(odd.getMessage().contains("3 sampled frames"), odd.getMessage());
    var size = assertThrows(IllegalArgumentException.class, () -> TokenLabels.Geometry.qwen(100, 112));
    assertTrue(size.getMessage().contains("100x112"), size.getMessage());
  }
}
