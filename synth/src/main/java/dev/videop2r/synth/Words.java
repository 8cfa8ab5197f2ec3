package dev.videop2r.synth;

import java.util.List;

/** The closed word list the text strip shows (short, distinct, no colour or shape words). */
public final class Words {
  public static final List<String> ALL = List.of(
      "cat", "dog", "sun", "map", "key", "cup", "hat", "pen", "bus", "egg", "fox", "owl", "bee", "car", "jam",
      "toy", "leaf", "fish", "bird", "tree", "moon", "rain", "boat", "lamp", "ship", "milk", "door", "book");

  private Words() {}
}
