package dev.videop2r.training.rl;

/**
 * Which process a completion token belongs to (method §1): perception = the {@code <observation>} segment,
 * reasoning = think, answer and the end-of-turn token; NONE = carries no loss (padding, after the end).
 */
public final class ProcessLabel {
  public static final byte NONE = 0;
  public static final byte PERCEPTION = 1;
  public static final byte REASONING = 2;

  private ProcessLabel() {}
}
