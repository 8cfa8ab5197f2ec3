package dev.videop2r.synth;

import java.util.Comparator;
import java.util.List;

/**
 * A question-free description of a whole clip from its scene graph: every shape in order of appearance with its
 * first colour, its motion and its colour changes, then the words of the text strip. The quickstart's caption
 * stage trains on these with a fixed prompt, so the only way to predict them is to look at the video.
 */
public final class SceneCaption {
  /** The prompt every caption answers. */
  public static final String PROMPT = "describe the video.";

  private SceneCaption() {}

  public static String of(Scene scene) {
    StringBuilder b = new StringBuilder();
    List<SceneObject> objects = scene.objects().stream().sorted(Comparator.comparingInt(SceneObject::appear))
        .toList();
    for (SceneObject o : objects) {
      Direction d = Direction.of((int) Math.signum(o.vx()), (int) Math.signum(o.vy()));
      b.append("the ").append(o.name()).append(d == null ? " stays still" : " moves " + d.fromTo()).append(". ");
      for (SceneObject.ColourChange c : o.changes()) {
        b.append("then the ").append(o.shape().word()).append(" turns ").append(c.colour().word()).append(". ");
      }
    }
    for (TimedWord w : scene.words()) {
      b.append("the word ").append(w.word()).append(" is shown. ");
    }
    return b.toString().trim();
  }
}
