package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** Numerical: how many times does the (only) shape of its kind change colour? Counting across frames. */
public record ColourChangeQuestion(int id, ShapeKind shape) implements Question {

  @Override
  public ProblemType type() {
    return ProblemType.NUMERICAL;
  }

  @Override
  public String problem() {
    return "how many times does the " + shape.word() + " change colour?";
  }

  @Override
  public String answer(List<FrameState> frames) {
    return Integer.toString(colours(frames).size() - 1);
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    List<SynthColour> colours = colours(frames);
    List<String> facts = new ArrayList<>();
    facts.add("the " + shape.word() + " is " + colours.getFirst().word() + " at the start.");
    for (SynthColour c : colours.subList(1, colours.size())) {
      facts.add("then the " + shape.word() + " turns " + c.word() + ".");
    }
    return facts;
  }

  @Override
  public String rationale(List<FrameState> frames) {
    List<SynthColour> colours = colours(frames);
    List<String> turns = colours.subList(1, colours.size()).stream().map(SynthColour::word).toList();
    return "the " + shape.word() + " turns " + String.join(" then ", turns)
        + ", so the number of colour changes is " + turns.size() + ".";
  }

  /** The colour sequence with consecutive repeats merged. */
  private List<SynthColour> colours(List<FrameState> frames) {
    List<SynthColour> out = new ArrayList<>();
    for (FrameState.ObjectView v : Tracks.track(frames, id)) {
      if (out.isEmpty() || out.getLast() != v.colour()) {
        out.add(v.colour());
      }
    }
    return out;
  }
}
