package dev.videop2r.synth;

import java.util.List;

/**
 * What a perfect observer sees on one frame: the visible objects (with the tracker's identity) and the word in
 * the text strip, if any. Question oracles read only these, never the hidden scene parameters.
 */
public record FrameState(int frame, List<ObjectView> objects, String word) {

  /** One visible object on one frame. */
  public record ObjectView(int id, ShapeKind shape, SynthColour colour, int x, int y) {}

  public FrameState {
    objects = List.copyOf(objects);
  }

  public ObjectView find(int id) {
    for (ObjectView o : objects) {
      if (o.id() == id) {
        return o;
      }
    }
    return null;
  }
}
