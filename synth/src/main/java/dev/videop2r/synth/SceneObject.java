package dev.videop2r.synth;

import java.util.List;

/**
 * One shape of the scene graph: it is visible on frames {@code [appear, disappear)}, moves in a straight line at
 * constant velocity, and switches colour at the given frames.
 *
 * @param x0 centre x on the frame it appears
 * @param y0 centre y on the frame it appears
 * @param vx pixels per frame
 * @param vy pixels per frame
 */
public record SceneObject(int id, ShapeKind shape, SynthColour colour, int radius, double x0, double y0, double vx,
                          double vy, int appear, int disappear, List<ColourChange> changes) {

  /** From {@code frame} on, the object has colour {@code colour}. */
  public record ColourChange(int frame, SynthColour colour) {}

  public SceneObject {
    changes = List.copyOf(changes);
  }

  public boolean visibleAt(int frame) {
    return frame >= appear && frame < disappear;
  }

  public SynthColour colourAt(int frame) {
    SynthColour current = colour;
    for (ColourChange change : changes) {
      if (frame >= change.frame()) {
        current = change.colour();
      }
    }
    return current;
  }

  /** Centre rounded to whole pixels: what the renderer draws and what questions measure. */
  public int xAt(int frame) {
    return (int) Math.round(x0 + vx * (frame - appear));
  }

  public int yAt(int frame) {
    return (int) Math.round(y0 + vy * (frame - appear));
  }

  /** "red circle": the name the object has while it shows its first colour. */
  public String name() {
    return colour.word() + " " + shape.word();
  }
}
