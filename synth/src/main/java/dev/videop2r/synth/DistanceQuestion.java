package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.List;

/** Regression: how many pixels does the object move between the first and the last frame? */
public record DistanceQuestion(int id, String name) implements Question {

  @Override
  public ProblemType type() {
    return ProblemType.REGRESSION;
  }

  @Override
  public String problem() {
    return "how many pixels does the " + name + " move from the first frame to the last frame?";
  }

  @Override
  public String answer(List<FrameState> frames) {
    List<FrameState.ObjectView> t = Tracks.track(frames, id);
    FrameState.ObjectView a = t.getFirst();
    FrameState.ObjectView b = t.getLast();
    return Long.toString(Math.round(Math.hypot(b.x() - a.x(), b.y() - a.y())));
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    List<FrameState.ObjectView> t = Tracks.track(frames, id);
    return List.of(
        "the " + name + " starts at x " + t.getFirst().x() + " and y " + t.getFirst().y() + ".",
        "the " + name + " ends at x " + t.getLast().x() + " and y " + t.getLast().y() + ".");
  }

  @Override
  public String rationale(List<FrameState> frames) {
    List<FrameState.ObjectView> t = Tracks.track(frames, id);
    FrameState.ObjectView a = t.getFirst();
    FrameState.ObjectView b = t.getLast();
    String path;
    if (a.y() == b.y()) {
      path = "from x " + a.x() + " to x " + b.x();
    } else if (a.x() == b.x()) {
      path = "from y " + a.y() + " to y " + b.y();
    } else {
      path = "from x " + a.x() + " and y " + a.y() + " to x " + b.x() + " and y " + b.y();
    }
    return "the " + name + " moves " + path + ", so it moves " + answer(frames) + " pixels.";
  }
}
