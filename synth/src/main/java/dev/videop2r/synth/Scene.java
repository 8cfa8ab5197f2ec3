package dev.videop2r.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The ground truth of one clip: a scene graph of shapes plus timed words. Rendering it gives the frames;
 * {@link #timeline()} gives what each frame shows.
 *
 * @param noise standard deviation of the per-pixel noise added by the renderer (0..255 scale)
 * @param noiseSeed seed of that noise
 */
public record Scene(int width, int height, int frames, double fps, List<SceneObject> objects, List<TimedWord> words,
                    double noise, long noiseSeed) {

  public Scene {
    objects = List.copyOf(objects);
    words = List.copyOf(words);
  }

  public FrameState stateAt(int frame) {
    List<FrameState.ObjectView> views = new ArrayList<>();
    for (SceneObject o : objects) {
      if (o.visibleAt(frame)) {
        views.add(new FrameState.ObjectView(o.id(), o.shape(), o.colourAt(frame), o.xAt(frame), o.yAt(frame)));
      }
    }
    String word = null;
    for (TimedWord w : words) {
      if (frame >= w.from() && frame < w.to()) {
        word = w.word();
      }
    }
    return new FrameState(frame, views, word);
  }

  /** Every frame's state in playback order. */
  public List<FrameState> timeline() {
    List<FrameState> states = new ArrayList<>(frames);
    for (int f = 0; f < frames; f++) {
      states.add(stateAt(f));
    }
    return states;
  }

  public SceneObject object(int id) {
    for (SceneObject o : objects) {
      if (o.id() == id) {
        return o;
      }
    }
    throw new IllegalArgumentException("no object " + id);
  }
}
