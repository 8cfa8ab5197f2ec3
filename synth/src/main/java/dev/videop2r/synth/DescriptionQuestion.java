package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** Free-form: describe what the object does (appears, moves, turns a colour, disappears, in order). */
public record DescriptionQuestion(int id, String name) implements Question {

  /** One thing the object does: as a verb phrase for the answer, and as the fact sentence behind it. */
  private record Event(String phrase, String fact) {}

  @Override
  public ProblemType type() {
    return ProblemType.FREE_FORM;
  }

  @Override
  public String problem() {
    return "describe what the " + name + " does.";
  }

  @Override
  public String answer(List<FrameState> frames) {
    return "the " + name + " " + phrases(frames);
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    return events(frames).stream().map(Event::fact).toList();
  }

  @Override
  public String rationale(List<FrameState> frames) {
    return "putting these events in time order, the " + name + " " + phrases(frames) + ".";
  }

  private String phrases(List<FrameState> frames) {
    return String.join(" then ", events(frames).stream().map(Event::phrase).toList());
  }

  private List<Event> events(List<FrameState> frames) {
    String subject = "the " + name + " ";
    List<Event> events = new ArrayList<>();
    if (frames.getFirst().find(id) == null) {
      events.add(new Event("appears", subject + "appears."));
    }
    Direction d = Tracks.direction(frames, id);
    if (d != null) {
      events.add(new Event("moves " + d.word(), subject + "moves " + d.fromTo() + "."));
    }
    List<FrameState.ObjectView> t = Tracks.track(frames, id);
    for (int i = 1; i < t.size(); i++) {
      if (t.get(i).colour() != t.get(i - 1).colour()) {
        String colour = t.get(i).colour().word();
        events.add(new Event("turns " + colour, subject + "turns " + colour + "."));
      }
    }
    if (frames.getLast().find(id) == null) {
      events.add(new Event("disappears", subject + "disappears."));
    }
    return events;
  }
}
