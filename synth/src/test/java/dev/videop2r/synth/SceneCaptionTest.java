package dev.videop2r.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SceneCaptionTest {

  @Test
  void shapesInOrderOfAppearanceWithMotionAndColourChangesThenTheWords() {
    SceneObject late = new SceneObject(0, ShapeKind.SQUARE, SynthColour.GREEN, 7, 50, 40, 0, -3, 4, 8, List.of());
    SceneObject early = new SceneObject(1, ShapeKind.CIRCLE, SynthColour.RED, 7, 20, 30, 3, 0, 0, 8,
        List.of(new SceneObject.ColourChange(3, SynthColour.BLUE)));
    Scene scene = new Scene(112, 112, 8, 2.0, List.of(late, early),
        List.of(new TimedWord("fox", 0, 3), new TimedWord("hat", 4, 8)), 0, 1);
    assertEquals("the red circle moves from left to right. then the circle turns blue. "
        + "the green square moves from bottom to top. the word fox is shown. the word hat is shown.",
        SceneCaption.of(scene));
  }

  @Test
  void aSceneWithNothingInItHasAnEmptyCaption() {
    assertEquals("", SceneCaption.of(new Scene(112, 112, 8, 2.0, List.of(), List.of(), 0, 1)));
  }
}
