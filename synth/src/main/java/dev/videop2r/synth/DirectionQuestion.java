package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.List;

/** Multiple choice: in which direction does the object move? */
public record DirectionQuestion(int id, String name, List<Direction> choices) implements Question {

  public DirectionQuestion {
    choices = List.copyOf(choices);
  }

  @Override
  public ProblemType type() {
    return ProblemType.MULTIPLE_CHOICE;
  }

  @Override
  public String problem() {
    return "in which direction does the " + name + " move?";
  }

  @Override
  public List<String> options() {
    return Tracks.lettered(choices.stream().map(Direction::word).toList());
  }

  @Override
  public String answer(List<FrameState> frames) {
    Direction d = Tracks.direction(frames, id);
    return d == null ? "none" : Tracks.letter(choices.indexOf(d));
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    return List.of("the " + name + " moves " + Tracks.direction(frames, id).fromTo() + ".");
  }

  @Override
  public String rationale(List<FrameState> frames) {
    Direction d = Tracks.direction(frames, id);
    return "the " + name + " moves " + d.fromTo() + ", so it moves " + d.word() + " and the answer is "
        + answer(frames) + ".";
  }
}
