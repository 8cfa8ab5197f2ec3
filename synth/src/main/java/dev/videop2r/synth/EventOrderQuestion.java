package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Multiple choice: which of these shapes appears first? */
public record EventOrderQuestion(List<Integer> ids, List<String> names) implements Question {

  public EventOrderQuestion {
    ids = List.copyOf(ids);
    names = List.copyOf(names);
  }

  @Override
  public ProblemType type() {
    return ProblemType.MULTIPLE_CHOICE;
  }

  @Override
  public String problem() {
    return "which shape appears first?";
  }

  @Override
  public List<String> options() {
    return Tracks.lettered(names.stream().map(n -> "the " + n).toList());
  }

  @Override
  public String answer(List<FrameState> frames) {
    return Tracks.letter(order(frames).getFirst());
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    List<String> facts = new ArrayList<>();
    List<Integer> order = order(frames);
    for (int rank = 0; rank < order.size(); rank++) {
      facts.add("the " + names.get(order.get(rank)) + " appears " + Tracks.ordinal(rank) + ".");
    }
    return facts;
  }

  @Override
  public String rationale(List<FrameState> frames) {
    int first = order(frames).getFirst();
    return "the " + names.get(first) + " appears before the other shapes, so the answer is "
        + Tracks.letter(first) + ".";
  }

  /** Option indices sorted by first sighting (ties keep option order). */
  private List<Integer> order(List<FrameState> frames) {
    List<Integer> options = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      options.add(i);
    }
    options.sort(Comparator.comparingInt(i -> Tracks.firstSeen(frames, ids.get(i))));
    return options;
  }
}
