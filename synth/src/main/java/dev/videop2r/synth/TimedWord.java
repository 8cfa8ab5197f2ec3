package dev.videop2r.synth;

/** A word shown in the text strip on frames {@code [from, to)}. */
public record TimedWord(String word, int from, int to) {}
