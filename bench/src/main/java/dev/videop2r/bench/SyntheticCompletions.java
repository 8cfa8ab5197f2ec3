package dev.videop2r.bench;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic completions shaped like RL rollouts: an observation of 60–120 words and a think of 100–250 words
 * (about 320–512 tokens together), an answer of the problem type, right about half the time, and the usual
 * defects (a missing observation, text outside segments, an unclosed segment) in a few percent of them.
 */
final class SyntheticCompletions {

  /** One completion to score. */
  record Item(ProblemType type, String completion, String groundTruth, List<String> options) {}

  /** Problem-type counts of Video-R1-260k (263,071 records; video-r1.md §1). */
  static final int[] RL_SET_COUNTS = {168_769, 34_354, 15_886, 38_722, 5_340};

  private static final String[] WORDS = ("the a red blue green small large ball cube cone moves slides rolls left right"
      + " towards away from table edge centre frame second first then after before stops falls behind front"
      + " camera person holds picks places object shadow light door window sign text reads number count three"
      + " four seven twelve metres wide tall between above below near far quickly slowly appears disappears")
      .split(" ");

  private static final List<String> OPTIONS = List.of("A. the red ball", "B. the blue cube", "C. the green cone",
      "D. nothing moves");

  private final SplittableRandom random;

  SyntheticCompletions(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code n} completions of one type. */
  List<Item> ofType(ProblemType type, int n) {
    List<Item> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(next(type));
    }
    return items;
  }

  /** {@code n} completions mixed in the RL set's type proportions, interleaved. */
  List<Item> mixed(int n) {
    List<Item> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(nextMixed());
    }
    return items;
  }

  /** One completion whose type is drawn with the RL set's proportions. */
  Item nextMixed() {
    long total = 0;
    for (int c : RL_SET_COUNTS) {
      total += c;
    }
    long pick = random.nextLong(total);
    int t = 0;
    while (pick >= RL_SET_COUNTS[t]) {
      pick -= RL_SET_COUNTS[t];
      t++;
    }
    return next(ProblemType.values()[t]);
  }

  private Item next(ProblemType type) {
    String gold;
    String answer;
    boolean right = random.nextBoolean();
    switch (type) {
      case MULTIPLE_CHOICE -> {
        gold = String.valueOf((char) ('A' + random.nextInt(4)));
        String letter = right ? gold : String.valueOf((char) ('A' + random.nextInt(4)));
        answer = random.nextInt(10) == 0 ? letter + "." : letter;
      }
      case NUMERICAL -> {
        int value = random.nextInt(2000);
        gold = random.nextInt(5) == 0 ? String.format("%,d", value) : Integer.toString(value);
        answer = right ? gold : Integer.toString(value + 1 + random.nextInt(3));
      }
      case REGRESSION -> {
        double value = 0.5 + random.nextInt(1000) / 10.0;
        gold = Double.toString(value);
        answer = Double.toString(right ? value : value * (0.5 + random.nextDouble()));
      }
      case OCR -> {
        gold = words(3 + random.nextInt(6));
        answer = right ? gold : words(3 + random.nextInt(6));
      }
      case FREE_FORM -> {
        gold = words(8 + random.nextInt(13));
        answer = right ? gold : words(8 + random.nextInt(13));
      }
      default -> throw new IllegalStateException(type.toString());
    }
    return new Item(type, completion(answer), "<answer>" + gold + "</answer>",
        type == ProblemType.MULTIPLE_CHOICE ? OPTIONS : List.of());
  }

  private String completion(String answer) {
    String observation = "<observation>" + words(60 + random.nextInt(61)) + "</observation>";
    String think = "<think>" + words(100 + random.nextInt(151)) + "</think>";
    String tail = "<answer>" + answer + "</answer>";
    int defect = random.nextInt(100);
    if (defect < 8) {
      return think + "\n" + tail; // missing observation
    }
    if (defect < 12) {
      return "Let me look. " + observation + "\n" + think + "\n" + tail; // text outside segments
    }
    if (defect < 15) {
      return observation.replace("</observation>", "") + "\n" + think + "\n" + tail; // unclosed
    }
    return observation + "\n" + think + "\n" + tail;
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return b.toString();
  }
}
