package dev.videop2r.synth;

import java.util.ArrayList;
import java.util.List;

/** Reading one object's track out of a frame sequence, and the small phrase helpers questions share. */
final class Tracks {
  private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth"};

  private Tracks() {}

  /** The object's visible states in sequence order. */
  static List<FrameState.ObjectView> track(List<FrameState> frames, int id) {
    List<FrameState.ObjectView> out = new ArrayList<>();
    for (FrameState f : frames) {
      FrameState.ObjectView v = f.find(id);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** Position in the sequence where the object is first visible; the sequence length when never. */
  static int firstSeen(List<FrameState> frames, int id) {
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).find(id) != null) {
        return i;
      }
    }
    return frames.size();
  }

  /** Direction from the first to the last sighting; null if the object never moves. */
  static Direction direction(List<FrameState> frames, int id) {
    List<FrameState.ObjectView> t = track(frames, id);
    if (t.size() < 2) {
      return null;
    }
    return Direction.of(t.getLast().x() - t.getFirst().x(), t.getLast().y() - t.getFirst().y());
  }

  static String letter(int index) {
    return String.valueOf((char) ('A' + index));
  }

  static List<String> lettered(List<String> choices) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      out.add(letter(i) + ". " + choices.get(i));
    }
    return out;
  }

  static String ordinal(int index) {
    return ORDINALS[index];
  }
}
