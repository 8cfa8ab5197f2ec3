package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.List;

/** OCR: which words are shown at the bottom, in order? */
public record TextQuestion() implements Question {

  @Override
  public ProblemType type() {
    return ProblemType.OCR;
  }

  @Override
  public String problem() {
    return "which words are shown at the bottom of the video, in order?";
  }

  @Override
  public String answer(List<FrameState> frames) {
    return String.join(" ", words(frames));
  }

  @Override
  public List<String> facts(List<FrameState> frames) {
    List<String> words = words(frames);
    List<String> facts = new ArrayList<>();
    facts.add("the word " + words.getFirst() + " is shown first.");
    for (String w : words.subList(1, words.size())) {
      facts.add("then the word " + w + " is shown.");
    }
    return facts;
  }

  @Override
  public String rationale(List<FrameState> frames) {
    return "the words appear as " + String.join(" then ", words(frames)) + ", so the text is " + answer(frames)
        + ".";
  }

  /** Words in order of appearance, consecutive repeats merged (a word shown over many frames is read once). */
  private static List<String> words(List<FrameState> frames) {
    List<String> out = new ArrayList<>();
    String previous = null;
    for (FrameState f : frames) {
      if (f.word() != null && !f.word().equals(previous)) {
        out.add(f.word());
      }
      previous = f.word();
    }
    return out;
  }
}
